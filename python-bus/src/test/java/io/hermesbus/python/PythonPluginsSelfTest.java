package io.hermesbus.python;

import static org.assertj.core.api.Assertions.assertThat;

import io.hermesbus.testing.HermesFixtures;
import io.hermesbus.testing.Python;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Python side's own tests ({@code src/test/python/test_plugins.py}: the stand-in's Event JSON against Hermes'
 * fixtures, the correct {@code sqlitelog} pair, each wrong consumer's fault), run with the real interpreter; any
 * failure fails this test, with unittest's report as its message.
 */
class PythonPluginsSelfTest {

    @Test
    void thePythonTestsOfThePluginsPass() {
        String script = String.join("\n",
                "import os, sys",
                "sys.dont_write_bytecode = True", // nothing written into src/test/python
                "os.environ['HERMESBUS_FIXTURES'] = " + Python.jsonLine(HermesFixtures.folder().toString()),
                "sys.path.insert(0, " + Python.jsonLine(TestPlugins.ROOT.toString()) + ")",
                "import test_plugins",
                "sys.exit(test_plugins.main([]))");
        List<String> output = Python.run(script, List.of());
        // a run that found no tests passes in unittest; here it must not
        assertThat(output).last().asString().matches("ran \\d+ tests");
        assertThat(Integer.parseInt(output.get(output.size() - 1).split(" ")[1])).isGreaterThanOrEqualTo(25);
    }
}
