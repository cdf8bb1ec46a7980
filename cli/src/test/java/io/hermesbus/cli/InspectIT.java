package io.hermesbus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.file.FileBus;
import io.hermesbus.file.FileBusProvider;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hermes-bus inspect}, end to end, on folders written by the file bus itself. */
class InspectIT {
    private static final String SEGMENT = "00000000000000000000.log";

    @TempDir
    Path folder;

    private void write(Map<String, ?> extraSettings, String... categories) {
        Map<String, Object> settings = new HashMap<>(extraSettings);
        settings.put("path", folder.toString());
        try (AbstractMessageBusProducerPlugin producer = new FileBusProvider().producer(settings)) {
            producer.open();
            int number = 0;
            for (String category : categories) {
                producer.send(new Event(category, "added", "User", (long) number++, Map.of("cn", "x"), 0, false));
            }
        }
    }

    @Test
    void aHealthyFolderShowsSegmentsOffsetsCategoriesAndRetention() {
        write(Map.of("segment_bytes", 1), "users", "users", "groups", "users");
        FileBus.retainNewest(folder, 2);

        Cli.Run run = Cli.run("inspect", folder.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("segments: 2", "00000000000000000002.log  offsets 2 to 2",
                "offsets: 2 to 3 (2 events); the next event gets offset 4",
                "retention: offsets 0 to 1 deleted; the oldest retained offset is 2", "categories: 2", "groups",
                "check: all 2 records valid");
        assertThat(run.out()).containsPattern("users +1 events +\\d+ bytes");
    }

    @Test
    void aCorruptedRecordIsNamedBySegmentAndPositionWithExitCode1() throws IOException {
        write(Map.of(), "users", "groups", "users");
        long second;
        try (RandomAccessFile log = new RandomAccessFile(folder.resolve(SEGMENT).toFile(), "rw")) {
            log.seek(16);
            second = 16 + 8 + log.readInt(); // header, then the first record: length and CRC, then length bytes
            log.seek(second + 40);
            int b = log.read();
            log.seek(second + 40);
            log.write(b ^ 0x20); // one flipped bit in the second record's payload
        }

        Cli.Run run = Cli.run("inspect", folder.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("check: 1 bad record among 2 read",
                "BAD " + SEGMENT + " at byte " + second + ": CRC-32C mismatch", "offset 1 is lost");
    }

    @Test
    void aSegmentCutBelowItsHeaderIsDamageWithExitCode1() throws IOException {
        write(Map.of("segment_bytes", 1), "users", "groups");
        try (RandomAccessFile log = new RandomAccessFile(folder.resolve("00000000000000000001.log").toFile(), "rw")) {
            log.setLength(5);
        }

        Cli.Run run = Cli.run("inspect", folder.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("check: 1 bad record", "BAD 00000000000000000001.log at byte 0:",
                "shorter than its 16-byte header");
    }

    @Test
    void aFolderThatIsNotThereIsAUsageError() {
        VerifyIT.assertOneLineError(Cli.run("inspect", folder.resolve("nope").toString()),
                "hermes-bus inspect: " + folder.resolve("nope") + " is not a file bus folder: no such folder");
    }
}
