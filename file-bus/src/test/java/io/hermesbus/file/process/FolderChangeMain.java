package io.hermesbus.file.process;

import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.MessageBuses;
import io.hermesbus.file.FileBus;
import java.nio.file.Path;
import java.util.Map;

/**
 * A process that changes a bus folder once and exits: {@code FolderChangeMain <folder> retain <count>} deletes
 * segments as {@link FileBus#retainNewest} does; {@code FolderChangeMain <folder> append <from> <to> <segment_bytes>}
 * sends the events numbered {@code from .. to-1} (objpkey and attribute {@code n}: the number), rolling segments of
 * {@code segment_bytes}. Prints {@code done}.
 */
public final class FolderChangeMain {
    private FolderChangeMain() {
    }

    public static void main(String[] args) {
        String folder = args[0];
        switch (args[1]) {
            case "retain" -> FileBus.retainNewest(Path.of(folder), Long.parseLong(args[2]));
            case "append" -> {
                try (AbstractMessageBusProducerPlugin producer = MessageBuses.producer("file",
                        Map.of("path", folder, "segment_bytes", args[4]))) {
                    producer.open();
                    for (long n = Long.parseLong(args[2]); n < Long.parseLong(args[3]); n++) {
                        producer.send(event(n));
                    }
                }
            }
            default -> throw new IllegalArgumentException("unknown change " + args[1]);
        }
        System.out.println("done");
        System.out.flush();
    }

    static Event event(long n) {
        return new Event("base", "added", "Users", n, Map.of("n", n), 0, false);
    }
}
