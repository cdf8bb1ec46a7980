package io.hermesbus.cli;

/**
 * A failure the command reports as one line on stderr, with its exit code: {@link ExitCodes#FAILED} when the
 * command found something wrong (a failed rule, a bad record), {@link ExitCodes#USAGE} when what it was given is
 * wrong (a file, a setting, an offset).
 */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
