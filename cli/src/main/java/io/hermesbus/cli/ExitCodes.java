package io.hermesbus.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** The exit codes of every command, listed in each command's help. */
final class ExitCodes {
    static final int OK = 0;
    /** A required rule failed, a bad record was found, or the bus failed. */
    static final int FAILED = 1;
    /** Bad use: an option, a setting, a file, an unknown bus, an unreadable plugin jar, malformed input. */
    static final int USAGE = 2;
    /** A fault of the tool itself; {@code --verbose} shows the stack trace. */
    static final int INTERNAL = 3;

    private ExitCodes() {
    }

    /** Code to description, for the help of every command. */
    static Map<String, String> described() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put(" " + OK, "success");
        codes.put(" " + FAILED, "a required rule failed, a bad record was found, or the bus failed");
        codes.put(" " + USAGE, "usage or settings error: unknown bus, bad settings, unreadable file or jar, malformed input");
        codes.put(" " + INTERNAL, "an unexpected error of the tool (--verbose shows the stack trace)");
        return codes;
    }
}
