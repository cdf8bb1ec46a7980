package io.hermesbus.cli;

import io.hermesbus.tck.ConformanceResult;
import io.hermesbus.tck.ConformanceRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code hermes-bus verify}: the conformance kit on a bus found by name, through {@link ConformanceRunner}. */
@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = HermesBusCli.Version.class,
        header = "Run the conformance kit against a bus, built in or from a plugin jar.",
        description = {
            "Runs the conformance kit (tck/SPEC.md) against a bus found by name: built in, memory, file, sqlite, "
                    + "kafka (which needs --set servers=HOST:PORT) and python (a Hermes plugin pair written in Python: "
                    + "python-bus/README.md); or a plugin on --plugin-jar, by its provider's "
                    + "name, if its jar registers a BusUnderTestFactory (docs/writing-a-plugin.md). Each rule gets a "
                    + "fresh, empty bus made with the settings (a new name, folder, file or topic), deleted after it.",
            "Shows each rule as it ends (stderr), then prints the report: the bus, its offset kind and settings "
                    + "(secrets masked), the kit's version, the JDK and the date; every rule passed, FAILED, WARNING or "
                    + "not applicable, with the failure messages and rule 10.1's seed. Writes it as Markdown and JUnit "
                    + "XML to --report, named after the bus, offset kind and settings (and -partial with --rules), so "
                    + "that other runs keep their own."},
        footerHeading = "%nExamples:%n", footer = {
            "  # the embedded in-memory bus (int offsets), then with bytes offsets",
            "  hermes-bus verify",
            "  hermes-bus verify memory --set offset_kind=bytes",
            "  # the file bus, retention rules only",
            "  hermes-bus verify file --rules '7\\..*'",
            "  # Hermes' SQLite bus, its files beside /var/tmp/bus.sqlite",
            "  hermes-bus verify sqlite --set uri=/var/tmp/bus.sqlite",
            "  # the Kafka bus, a topic per rule on these brokers (deleted after)",
            "  hermes-bus verify kafka --set servers=kafka1:9092,kafka2:9092",
            "  # a Hermes plugin pair written in Python, a new bus file per rule",
            "  hermes-bus verify python --set hermes_home=/opt/hermes --set plugin=mybus \\",
            "      --set 'settings={\"uri\": \"{fresh}/bus.sqlite\"}'",
            "  # a plugin, with its settings and a report folder",
            "  hermes-bus verify mybus --plugin-jar target/my-bus.jar \\",
            "      --settings bus.json --report reports",
            "  # replay a failed rule 10.1 with the seed it printed",
            "  hermes-bus verify mybus --plugin-jar target/my-bus.jar --rules 10.1 \\",
            "      --seed 4242",
            ""})
final class VerifyCommand implements Callable<Integer> {
    /** The file JUnit's XML report listener writes in the report folder. */
    private static final String JUNIT_XML = "TEST-junit-jupiter.xml";

    @ParentCommand
    HermesBusCli cli;

    @Parameters(index = "0", arity = "0..1", paramLabel = "BUS", defaultValue = "memory",
            description = "The bus to verify (default: ${DEFAULT-VALUE}, the embedded in-memory bus).")
    String bus;

    @Mixin
    BusOptions options;

    @Option(names = "--rules", paramLabel = "PATTERN",
            description = "Run only the rules whose number the regular expression matches whole (3.3, '3\\..*') or "
                    + "whose title contains a match, ignoring case (seek).")
    String rules;

    @Option(names = "--seed", paramLabel = "N",
            description = "Replay rule 10.1's random run, and rule 4.7's random instants, with this seed, as printed by a failed run.")
    Long seed;

    @Option(names = "--report", paramLabel = "DIR", defaultValue = "target/hermes-bus-conformance",
            description = "Where to write the report, as Markdown and JUnit XML (default: ${DEFAULT-VALUE}).")
    Path reportDir;

    @Override
    public Integer call() {
        PrintStream out = cli.output.out;
        checkReportDir();
        ConformanceRunner runner = ConformanceRunner.forBus(bus, options.settings())
                .classLoader(options.classLoader())
                .reportDir(reportDir)
                .progress(cli.output.err);
        if (rules != null) {
            runner.rules(rules);
        }
        if (seed != null) {
            runner.seed(seed);
        }
        ConformanceResult result = runner.run();
        out.println();
        out.print(result.render());
        out.println(result.summary());
        result.reportFiles().forEach(report -> out.println("report: " + report));
        Path xml = result.reportDir().resolve(JUNIT_XML);
        if (Files.isRegularFile(xml)) {
            out.println("JUnit XML report: " + xml.toAbsolutePath());
        } else {
            out.println("the JUnit XML report could not be written to " + xml.toAbsolutePath());
        }
        OptionalLong failedSeed = result.failedRunSeed();
        if (failedSeed.isPresent() && seed == null) {
            out.println("rule 10.1 failed with run seed " + failedSeed.getAsLong() + "; replay it by adding --seed "
                    + failedSeed.getAsLong() + " (with --rules 10.1 to run it alone)");
        }
        return result.conforms() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** A report folder that cannot be made is a usage error before any rule runs, not a failure after all passed. */
    private void checkReportDir() {
        try {
            Files.createDirectories(reportDir);
        } catch (IOException | UnsupportedOperationException e) {
            throw new CliException(ExitCodes.USAGE, "--report " + reportDir + ": cannot make the report folder there ("
                    + (Files.exists(reportDir) && !Files.isDirectory(reportDir) ? "it is a file, not a folder"
                    : e instanceof IOException io ? Problems.of(io) : e.getMessage())
                    + "); give a folder that exists or can be made", e);
        }
        if (!Files.isWritable(reportDir)) {
            throw new CliException(ExitCodes.USAGE, "--report " + reportDir + ": the folder cannot be written; give one this user may write");
        }
    }
}
