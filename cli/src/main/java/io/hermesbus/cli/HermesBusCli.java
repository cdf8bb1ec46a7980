package io.hermesbus.cli;

import io.hermesbus.api.HermesBusException;
import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.UnknownBusException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.ServiceConfigurationError;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * The {@code hermes-bus} command: {@code verify}, {@code produce}, {@code consume}, {@code inspect}, and
 * {@code generate-completion} (a bash/zsh completion script made by picocli).
 *
 * <p>Every error is one line on stderr, {@code hermes-bus <command>: <what went wrong>}, and an exit code from
 * {@link ExitCodes}; {@code --verbose} adds the stack trace.
 */
@Command(name = "hermes-bus", mixinStandardHelpOptions = true, versionProvider = HermesBusCli.Version.class,
        description = "Verify Hermes message bus plugins with the conformance kit, and produce, consume and inspect buses.",
        subcommands = {VerifyCommand.class, ProduceCommand.class, ConsumeCommand.class, InspectCommand.class,
            AutoComplete.GenerateCompletion.class},
        footerHeading = "%nExamples:%n", footer = {
            "  # the conformance kit on the embedded in-memory bus",
            "  hermes-bus verify",
            "  # the kit on a plugin, without writing a test class",
            "  hermes-bus verify mybus --plugin-jar target/my-bus.jar",
            "  # send events to a file bus, read them back, look into its folder",
            "  hermes-bus produce file --set path=/tmp/bus < events.jsonl",
            "  hermes-bus consume file --set path=/tmp/bus --follow",
            "  hermes-bus inspect /tmp/bus",
            "  # completion for bash and zsh",
            "  source <(hermes-bus generate-completion)",
            ""})
public final class HermesBusCli {
    /** Stack traces on errors, for every command. */
    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "On an error, print the stack trace too.")
    boolean verbose;

    /** The streams of this run, which every command uses. */
    final Output output;

    private HermesBusCli(Output output) {
        this.output = output;
    }

    /**
     * Runs the tool and exits the JVM with its exit code (see {@link ExitCodes}).
     *
     * @param args the command line, such as {@code verify memory --rules 3.3}
     */
    public static void main(String[] args) {
        System.exit(run(System.in, System.out, System.err, args));
    }

    /** Runs the tool once with these streams, as {@link #main} does, and returns its exit code. */
    static int run(InputStream in, OutputStream out, OutputStream err, String... args) {
        Output output = new Output(in, out, err);
        try {
            return commandLine(output).execute(args);
        } finally {
            output.finish();
        }
    }

    /** The command line with the streams, help and error handling every command shares. */
    static CommandLine commandLine(Output output) {
        // picocli's own warnings (on System.err, quoting an argument, which may be a password) are not the tool's
        // words: every problem is reported as one line by the handlers below
        CommandLine.tracer().setLevel(CommandLine.TraceLevel.OFF);
        CommandLine commandLine = new CommandLine(new HermesBusCli(output)).setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(Output.writer(output.out)).setErr(Output.writer(output.err));
        commandLine.setParameterExceptionHandler(HermesBusCli::usageError);
        commandLine.setExecutionExceptionHandler((failure, command, parsed) -> failed(failure, command, verbose(parsed)));
        // ServiceLoader reports a broken plugin jar with an Error, which picocli does not hand to the handler above
        commandLine.setExecutionStrategy(parsed -> {
            try {
                return new CommandLine.RunLast().execute(parsed);
            } catch (ServiceConfigurationError | LinkageError error) {
                CliException broken = new CliException(ExitCodes.USAGE, "a class cannot be loaded: " + error
                        + " (a plugin jar that lacks a dependency, or was built for another version of hermes-bus?)", error);
                return failed(broken, deepest(parsed).commandSpec().commandLine(), verbose(parsed));
            }
        });
        commandLine.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
        everyCommand(commandLine);
        return commandLine;
    }

    private static void everyCommand(CommandLine command) {
        command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCodes.described());
        command.getSubcommands().values().forEach(HermesBusCli::everyCommand);
    }

    private static int usageError(ParameterException failure, String[] args) {
        CommandLine command = failure.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        command.getErr().println(name + ": " + failure.getMessage() + " (see '" + name + " --help')");
        return ExitCodes.USAGE;
    }

    /** One line naming the command and what went wrong; the exit code says whose fault it is. */
    private static int failed(Exception failure, CommandLine command, boolean verbose) {
        PrintWriter err = command.getErr();
        int code = exitCode(failure);
        String message = failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage();
        if (code == ExitCodes.INTERNAL) {
            message = "unexpected error: " + failure + (verbose ? "" : " (--verbose shows the stack trace)");
        }
        err.println(command.getCommandSpec().qualifiedName() + ": " + message.strip().replaceAll("\\s*\\R\\s*", " "));
        if (verbose) {
            failure.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    private static int exitCode(Throwable failure) {
        if (failure instanceof CliException cli) {
            return cli.exitCode();
        }
        if (failure instanceof InvalidSettingsException || failure instanceof UnknownBusException
                || failure instanceof IllegalArgumentException) {
            return ExitCodes.USAGE;
        }
        if (failure instanceof HermesBusException) {
            return ExitCodes.FAILED; // the bus failed: a send, a corrupt log, an unreadable event
        }
        return ExitCodes.INTERNAL;
    }

    private static boolean verbose(ParseResult parsed) {
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    private static ParseResult deepest(ParseResult parsed) {
        ParseResult level = parsed;
        while (level.hasSubcommand()) {
            level = level.subcommand();
        }
        return level;
    }

    /** The version from the jar's manifest, written by the build. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = HermesBusCli.class.getPackage().getImplementationVersion();
            return new String[] {"hermes-bus " + (version == null ? "(development build)" : version)};
        }
    }
}
