package io.hermesbus.cli;

import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.FailedToSendEventException;
import io.hermesbus.api.InvalidEventException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code hermes-bus produce}: sends events read as Hermes event JSON to a bus. */
@Command(name = "produce", mixinStandardHelpOptions = true, versionProvider = HermesBusCli.Version.class,
        header = "Send events, read as Hermes event JSON, to a bus.",
        description = {
            "Sends events to the bus in the order read: one event per FILE (Hermes' event JSON, as Hermes writes it), "
                    + "or, with no FILE, one event per line of standard input (JSON lines; blank lines are skipped). "
                    + "A line printed by 'consume --format json' is read as its event, so one bus can be copied to another.",
            "Reports how many events were sent. Malformed input (not UTF-8, not a Hermes event) stops the command at "
                    + "that file or line, saying what is wrong and how many events were sent before it. The bus is "
                    + "opened (a file bus's folder made) only once the first event was read and found valid: input "
                    + "that holds no event, or whose first event is bad, leaves no bus behind."},
        footerHeading = "%nExamples:%n", footer = {
            "  hermes-bus produce file --set path=/tmp/bus event-1.json event-2.json",
            "  echo '{\"evcategory\": \"users\", \"eventtype\": \"added\"}' \\",
            "    | hermes-bus produce file --set path=/tmp/bus",
            "  # copy a bus",
            "  hermes-bus consume file --set path=/tmp/a --format json \\",
            "    | hermes-bus produce file --set path=/tmp/b",
            ""})
final class ProduceCommand implements Callable<Integer> {
    @ParentCommand
    HermesBusCli cli;

    @Parameters(index = "0", paramLabel = "BUS", description = "The bus to send to: memory, file, sqlite, kafka, or a plugin's.")
    String bus;

    @Parameters(index = "1..*", paramLabel = "FILE", description = "Files of one event each; none: JSON lines from stdin.")
    List<Path> files = new ArrayList<>();

    @Mixin
    BusOptions options;

    @Option(names = "--category", paramLabel = "C", description = "Send every event with this category (evcategory).")
    String category;

    private long sent;

    /** One event's text and where it came from ({@code stdin line 3}, a file's name). */
    private record Input(String source, String text) {
    }

    @Override
    public Integer call() {
        // made first, opened last: bad settings are one error before any input is read, and the bus (its folder,
        // lock or file) is made only once a first valid event is in hand, so a typo leaves no stray bus behind
        try (AbstractMessageBusProducerPlugin producer = options.provider(bus).producer(options.settings())) {
            Iterator<Input> inputs = files.isEmpty() ? new StdinLines(cli.output.in) : files.stream().map(this::read).iterator();
            boolean opened = false;
            while (inputs.hasNext()) {
                Input input = inputs.next();
                Event event = parse(input);
                if (!opened) {
                    producer.open();
                    opened = true;
                }
                send(producer, event, input.source());
            }
            if (!opened) {
                cli.output.out.println("sent 0 events: the input held none, and bus '" + bus + "' was not opened");
                return ExitCodes.OK;
            }
        }
        cli.output.out.println("sent " + sent + " event" + (sent == 1 ? "" : "s") + " to bus '" + bus + "'");
        return ExitCodes.OK;
    }

    private Input read(Path file) {
        try {
            return new Input(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot read " + file + ": " + Problems.of(e) + beforeIt(), e);
        }
    }

    private Event parse(Input input) {
        Event event;
        try {
            event = EventText.parse(input.text());
        } catch (InvalidEventException e) {
            String text = input.text().strip();
            boolean stdin = files.isEmpty();
            String hint = stdin && !(text.startsWith("{") && text.endsWith("}"))
                    ? "; standard input holds one event per line (JSON lines): give a pretty-printed event as a FILE,"
                            + " or put it on one line (jq -c .)" : "";
            throw new CliException(ExitCodes.USAGE, input.source() + " is not a Hermes event: " + e.getMessage() + hint
                    + beforeIt(), e);
        }
        if (category != null) {
            event = new Event(category, event.eventtype(), event.objtype(), event.objpkey(), event.objattrs(),
                    event.step(), event.isPartiallyProcessed());
        }
        return event;
    }

    private void send(AbstractMessageBusProducerPlugin producer, Event event, String source) {
        try {
            producer.send(event);
        } catch (FailedToSendEventException e) {
            // an event the bus cannot hold (too large, say) is the input's fault; the bus's own words say why
            boolean refused = e.getCause() instanceof InvalidEventException;
            String why = refused ? e.getCause().getMessage() : e.getMessage();
            throw new CliException(refused ? ExitCodes.USAGE : ExitCodes.FAILED, "sending the event of " + source
                    + " failed: " + why + beforeIt(), e);
        }
        sent++;
    }

    private String beforeIt() {
        return " (" + sent + " event" + (sent == 1 ? " was" : "s were") + " sent before it)";
    }

    /**
     * The non-blank lines of standard input, each decoded on its own, so that bytes that are not UTF-8 are refused
     * naming their line (a decoding reader would replace them with U+FFFD, or report them lines early).
     */
    private final class StdinLines implements Iterator<Input> {
        private final InputStream in;
        private final byte[] buffer = new byte[1 << 16];
        private int position;
        private int limit;
        private int number;
        private Input next;
        private boolean ended;

        StdinLines(InputStream in) {
            this.in = in;
        }

        @Override
        public boolean hasNext() {
            while (next == null && !ended) {
                String line = readLine();
                if (line == null) {
                    ended = true;
                } else if (!line.isBlank()) {
                    next = new Input("stdin line " + number, line);
                }
            }
            return next != null;
        }

        @Override
        public Input next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Input line = next;
            next = null;
            return line;
        }

        /** The next line without its line break, or null at the end of the input. */
        private String readLine() {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            boolean any = false;
            try {
                while (true) {
                    if (position == limit) {
                        limit = Math.max(in.read(buffer), 0);
                        position = 0;
                        if (limit == 0) {
                            break;
                        }
                    }
                    any = true;
                    int start = position;
                    while (position < limit && buffer[position] != '\n') {
                        position++;
                    }
                    line.write(buffer, start, position - start);
                    if (position < limit) {
                        position++; // the line break
                        break;
                    }
                }
            } catch (IOException e) {
                throw new CliException(ExitCodes.USAGE, "cannot read standard input: " + Problems.of(e) + beforeIt(), e);
            }
            if (!any) {
                return null;
            }
            number++;
            try {
                return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(line.toByteArray())).toString();
            } catch (CharacterCodingException e) {
                throw new CliException(ExitCodes.USAGE, "stdin line " + number + " is not UTF-8 text (bytes that no "
                        + "UTF-8 character is made of); give Hermes event JSON in UTF-8" + beforeIt(), e);
            }
        }
    }
}
