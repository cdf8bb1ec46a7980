package io.hermesbus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hermes-bus verify python}, end to end: the real jar in a child process drives the Python plugins of
 * python-bus' tests ({@code python-bus/src/test/python}: a stand-in of Hermes' lib and the sqlitelog pair) through
 * the bridge, with the interpreter api's {@code io.hermesbus.testing.Python} uses ({@code -Dhermesbus.python}).
 */
class PythonVerifyIT {
    /** python-bus' test Python, from this module's folder, where failsafe runs. */
    private static final Path PYTHON_TESTS = Path.of("..", "python-bus", "src", "test", "python").toAbsolutePath().normalize();
    /**
     * Rules that cross the bridge in each direction and its waits, and those the factory declares not applicable;
     * python-bus' own conformance test runs every rule (the whole kit would take minutes here).
     */
    private static final String RULES = "1\\.1|1\\.4|2\\.1|2\\.5|3\\.3|3\\.7|4\\.2|5\\.1|6\\.2|7\\.1|8\\.1|8\\.2";

    @TempDir
    Path reports;

    private static List<String> verifyPython(String pluginSettings, String... more) {
        List<String> args = new ArrayList<>(List.of("verify", "python",
                "--set", "python=" + System.getProperty("hermesbus.python", "python3"),
                "--set", "hermes_home=" + PYTHON_TESTS.resolve("hermes_standin"),
                "--set", "plugin_dir=" + PYTHON_TESTS.resolve("plugins"),
                "--set", "plugin=sqlitelog",
                "--set", "settings=" + pluginSettings));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void theCorrectPythonPluginPassesAndRulesHermesCannotTriggerAreNotApplicable() {
        Cli.Run run = Cli.run(verifyPython("{\"uri\": \"{fresh}/bus.sqlite\"}", "--rules", RULES,
                "--report", reports.toString()).toArray(String[]::new));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("# hermes-bus conformance: bus 'python'", "- bus: `python`, offsets `int`",
                "| 1.1 | required | passed |", "| 4.2 | required | passed |", "| 8.1 | required | passed |",
                "| 7.1 | required | not applicable |", "| 8.2 | required | not applicable |",
                "12 rules: 10 passed, 0 FAILED, 0 WARNING, 2 not applicable");
        assertThat(run.out()).as("the settings as given, the template unfilled").contains("{fresh}/bus.sqlite");
    }

    @Test
    void aWrongPythonConsumerFailsTheRuleOfItsFault() {
        List<String> args = verifyPython("{\"uri\": \"{fresh}/bus.sqlite\"}", "--rules", "3\\.3",
                "--report", reports.toString());
        args.addAll(List.of("--set", "consumer_plugin=" + PYTHON_TESTS.resolve("plugins/messagebus_consumers/sqlitelog_offbyoneseek")));

        Cli.Run run = Cli.run(args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("| 3.3 | required | FAILED |", "Rule 3.3 [required]");
    }

    @Test
    void aTemplateWithoutPlaceholderAndAMissingPluginAreOneLineSettingsErrors() {
        VerifyIT.assertOneLineError(Cli.run(verifyPython("{\"uri\": \"/tmp/one.sqlite\"}").toArray(String[]::new)),
                "hermes-bus verify: setting 'settings': has no {fresh} or {fresh_name} placeholder");
        List<String> missing = verifyPython("{\"uri\": \"{fresh}/bus.sqlite\"}", "--rules", "1\\.1");
        missing.set(missing.indexOf("plugin=sqlitelog"), "plugin=nosuchplugin");
        VerifyIT.assertOneLineError(Cli.run(missing.toArray(String[]::new)),
                "hermes-bus verify: setting 'plugin_dir': the consumer plugin "
                        + PYTHON_TESTS.resolve("plugins/messagebus_consumers/nosuchplugin/nosuchplugin.py") + " does not exist");
    }
}
