package io.hermesbus.cli;

import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.FailedToSendEventException;
import io.hermesbus.api.InvalidEventException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hermes-bus produce}: sends events read as Hermes event JSON to a bus. */
@Command(name = "produce", mixinStandardHelpOptions = true, versionProvider = HermesBusCli.Version.class,
        header = "Send events, read as Hermes event JSON, to a bus.",
        description = {
            "Sends events to the bus in the order read: one event per FILE (Hermes' event JSON, as Hermes writes it), "
                    + "or, with no FILE, one event per line of standard input (JSON lines; blank lines are skipped). "
                    + "A line printed by 'consume --format json' is read as its event, so one bus can be copied to another.",
            "Reports how many events were sent. Malformed input stops the command at that file or line, saying what "
                    + "is wrong and how many events were sent before it."},
        footerHeading = "%nExamples:%n", footer = {
            "  hermes-bus produce file --set path=/tmp/bus event-1.json event-2.json",
            "  echo '{\"evcategory\": \"users\", \"eventtype\": \"added\"}' \\",
            "    | hermes-bus produce file --set path=/tmp/bus",
            "  # copy a bus",
            "  hermes-bus consume file --set path=/tmp/a --format json \\",
            "    | hermes-bus produce file --set path=/tmp/b",
            ""})
final class ProduceCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BUS", description = "The bus to send to: memory, file, sqlite, kafka, or a plugin's.")
    String bus;

    @Parameters(index = "1..*", paramLabel = "FILE", description = "Files of one event each; none: JSON lines from stdin.")
    List<Path> files = new ArrayList<>();

    @Mixin
    BusOptions options;

    @Option(names = "--category", paramLabel = "C", description = "Send every event with this category (evcategory).")
    String category;

    private long sent;

    @Override
    public Integer call() {
        try (AbstractMessageBusProducerPlugin producer = options.provider(bus).producer(options.settings())) {
            producer.open();
            if (files.isEmpty()) {
                sendLines(producer);
            } else {
                for (Path file : files) {
                    send(producer, read(file), file.toString());
                }
            }
        }
        System.out.println("sent " + sent + " event" + (sent == 1 ? "" : "s") + " to bus '" + bus + "'");
        return ExitCodes.OK;
    }

    private void sendLines(AbstractMessageBusProducerPlugin producer) {
        BufferedReader lines = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            int number = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                if (!line.isBlank()) {
                    send(producer, line, "stdin line " + number);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading standard input failed", e);
        }
    }

    private String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot read " + file + ": " + Problems.of(e) + beforeIt(), e);
        }
    }

    private void send(AbstractMessageBusProducerPlugin producer, String text, String source) {
        Event event;
        try {
            event = EventText.parse(text);
        } catch (InvalidEventException e) {
            throw new CliException(ExitCodes.USAGE, source + " is not a Hermes event: " + e.getMessage() + beforeIt(), e);
        }
        if (category != null) {
            event = new Event(category, event.eventtype(), event.objtype(), event.objpkey(), event.objattrs(),
                    event.step(), event.isPartiallyProcessed());
        }
        try {
            producer.send(event);
        } catch (FailedToSendEventException e) {
            throw new CliException(ExitCodes.FAILED, "sending the event of " + source + " failed: " + e.getMessage() + beforeIt(), e);
        }
        sent++;
    }

    private String beforeIt() {
        return " (" + sent + " event" + (sent == 1 ? " was" : "s were") + " sent before it)";
    }
}
