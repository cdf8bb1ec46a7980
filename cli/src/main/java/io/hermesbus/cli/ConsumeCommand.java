package io.hermesbus.cli;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.InvalidEventException;
import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.api.OffsetOutOfRangeException;
import io.hermesbus.api.WrongOffsetKindException;
import java.io.PrintStream;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code hermes-bus consume}: prints a bus's events, with offset, timestamp and category. */
@Command(name = "consume", mixinStandardHelpOptions = true, versionProvider = HermesBusCli.Version.class,
        header = "Print a bus's events, with offset, timestamp and category.",
        description = {
            "Reads the bus from the oldest retained event (or from --offset, or after --after) and prints each event "
                    + "on one line, until no event arrives for --timeout ms or --max events were printed; "
                    + "with --follow it waits for new events until interrupted (Ctrl-C).",
            "Formats: line (tab-separated: offset, timestamp, category, event type, object type, object key) or json "
                    + "({\"offset\":…,\"timestamp\":…,\"event\":{Hermes JSON}}, which produce reads back). Offsets are "
                    + "printed and read in Hermes' JSON form: 42, 4.5, \"abc\", \"HermesBytes(AAE=)\" (quotes optional on input)."},
        footerHeading = "%nExamples:%n", footer = {
            "  hermes-bus consume file --set path=/tmp/bus",
            "  hermes-bus consume file --set path=/tmp/bus --after 41 --max 10",
            "  hermes-bus consume file --set path=/tmp/bus --category users",
            "  hermes-bus consume file --set path=/tmp/bus --follow --format json",
            "  hermes-bus consume sqlite --set uri=/var/lib/hermes/bus.sqlite --follow   (a running Hermes' SQLite bus)",
            "  hermes-bus consume kafka --set servers=kafka1:9092 --set topic=hermes --set group_id=me --after 41",
            ""})
final class ConsumeCommand implements Callable<Integer> {
    @ParentCommand
    HermesBusCli cli;

    @Parameters(index = "0", paramLabel = "BUS", description = "The bus to read: file, sqlite, kafka, or a plugin's (memory holds nothing in a new process).")
    String bus;

    @Mixin
    BusOptions options;

    @ArgGroup(exclusive = true)
    Start start = new Start();

    @ArgGroup(exclusive = true)
    Waiting waiting = new Waiting();

    @Option(names = "--category", paramLabel = "C", description = "Only events of this category (exact match).")
    String category;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N events (0 or more).")
    Long max;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "line",
            description = "line or json (default: ${DEFAULT-VALUE}).")
    Format format;

    /** Where reading starts. */
    static final class Start {
        @Option(names = "--from-beginning", description = "Start at the oldest retained event (the default).")
        boolean fromBeginning;

        @Option(names = "--offset", paramLabel = "O", description = "Start at the event with offset O (the first at or after O).")
        String at;

        @Option(names = "--after", paramLabel = "O", description = "Start after the event with offset O, as a client resumes.")
        String after;
    }

    /** When reading stops. */
    static final class Waiting {
        @Option(names = "--follow", description = "Wait for new events until interrupted.")
        boolean follow;

        @Option(names = "--timeout", paramLabel = "MS", defaultValue = "1000",
                description = "Stop when no event arrives for MS milliseconds (default: ${DEFAULT-VALUE}).")
        int timeoutMs = 1000;
    }

    /** How an event is printed; given in lower case on the command line. */
    enum Format {
        LINE(EventText::line), JSON(EventText::jsonLine);

        final Function<Event, String> print;

        Format(Function<Event, String> print) {
            this.print = print;
        }
    }

    @Override
    public Integer call() {
        if (!waiting.follow && waiting.timeoutMs < 0) {
            throw new CliException(ExitCodes.USAGE, "--timeout must be 0 or more milliseconds, got " + waiting.timeoutMs);
        }
        if (max != null && max < 0) {
            throw new CliException(ExitCodes.USAGE, "--max must be 0 or more events, got " + max);
        }
        PrintStream out = cli.output.out;
        long read = 0;
        try (AbstractMessageBusConsumerPlugin consumer = options.provider(bus).consumer(options.settings())) {
            consumer.open();
            position(consumer);
            consumer.setTimeout(waiting.follow ? null : waiting.timeoutMs);
            Iterator<Event> events = consumer.iterator();
            while (max == null || read < max) {
                Optional<Event> next = next(consumer, events);
                if (next.isEmpty()) {
                    break;
                }
                out.println(format.print.apply(next.get()));
                read++;
            }
        }
        cli.output.err.println("read " + read + " event" + (read == 1 ? "" : "s") + " from bus '" + bus + "'");
        return ExitCodes.OK;
    }

    private void position(AbstractMessageBusConsumerPlugin consumer) {
        String option = start.at != null ? "--offset" : "--after";
        try {
            if (start.at != null) {
                consumer.seek(EventText.offset(option, start.at));
            } else if (start.after != null) {
                consumer.seekAfter(EventText.offset(option, start.after));
            } else {
                consumer.seekToBeginning();
            }
        } catch (WrongOffsetKindException e) {
            String given = start.at != null ? start.at : start.after;
            throw new CliException(ExitCodes.USAGE, option + " " + given + ": " + e.expectedKind()
                    .map(kind -> "this bus's offsets are " + kind + "s, such as " + EventText.example(kind)
                            + "; " + given + " is not one")
                    .orElse(e.getMessage()), e);
        } catch (OffsetOutOfRangeException e) {
            String given = start.at != null ? start.at : start.after;
            Offset offset = EventText.offset(option, given);
            // an int resume seeks to the offset after the one given: say so, rather than name a number not typed
            String after = start.at == null && offset.kind() == OffsetKind.INT
                    ? "cannot start after offset " + given + " (reading would begin at the offset after it, "
                            + offset.successor().map(Offset::toJson).orElse("none") + "): " : "";
            throw new CliException(ExitCodes.USAGE, option + " " + given + ": " + after + e.getMessage(), e);
        }
    }

    /** The next event (of the category, if one is given), or empty when the wait ended. */
    private Optional<Event> next(AbstractMessageBusConsumerPlugin consumer, Iterator<Event> events) {
        try {
            if (category != null) {
                return consumer.findNextEventOfCategory(category);
            }
            return events.hasNext() ? Optional.of(events.next()) : Optional.empty();
        } catch (InvalidEventException e) {
            String where = e.offset().map(offset -> "the event at offset " + offset.toJson()).orElse("an event");
            String skip = e.offset().map(offset -> "; step over it with --after " + offset.toJson()).orElse("");
            throw new CliException(ExitCodes.FAILED, where + " cannot be read: " + e.getMessage() + skip, e);
        }
    }
}
