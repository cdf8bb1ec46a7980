package io.hermesbus.file.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.MessageBuses;
import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetOutOfRangeException;
import io.hermesbus.file.FileBus;
import io.hermesbus.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A consumer that remembers segments, index entries and segment files between seeks, while another process changes
 * the folder: retention deleting segments (one of them the segment the consumer reads), a writer adding segments.
 */
class SeekCacheAcrossProcessesTest {
    private static final Duration GENEROUS = Duration.ofSeconds(60);

    @TempDir
    Path work;

    private void change(Path bus, String... change) throws Exception {
        String[] args = new String[change.length + 1];
        args[0] = bus.toString();
        System.arraycopy(change, 0, args, 1, change.length);
        try (ChildJvm child = ChildJvm.start(FolderChangeMain.class, work.resolve(change[0] + ".err"), args)) {
            assertThat(child.awaitExit(GENEROUS)).as("%s; stderr: %s", String.join(" ", change), child.errorText()).isZero();
        }
    }

    private static void assertSeeksLandRight(AbstractMessageBusConsumerPlugin consumer, long from, long to) {
        for (long target = from; target < to; target++) {
            consumer.seek(Offset.of(target));
            Event event = consumer.iterator().next();
            assertThat(event.offset()).as("seek(%d)", target).isEqualTo(Offset.of(target));
            assertThat(event.objpkey()).as("seek(%d)", target).isEqualTo(target);
        }
    }

    private static void assertRefused(AbstractMessageBusConsumerPlugin consumer, long target, long oldest, long next) {
        assertThatThrownBy(() -> consumer.seek(Offset.of(target))).as("seek(%d)", target)
                .isInstanceOf(OffsetOutOfRangeException.class)
                .hasMessageContaining("accepted offsets are " + oldest + " to " + (next - 1) + ", or " + next);
    }

    @Test
    void retentionAndNewSegmentsFromAnotherProcessWhileTheConsumerRemembersTheFolder() throws Exception {
        Path bus = Files.createDirectories(work.resolve("bus"));
        change(bus, "append", "0", "40", "600");
        try (AbstractMessageBusConsumerPlugin consumer = MessageBuses.consumer("file", Map.of("path", bus.toString()))) {
            consumer.open();
            consumer.setTimeout(0);
            assertSeeksLandRight(consumer, 0, 40);
            consumer.seek(Offset.of(1L));
            assertThat(consumer.iterator().next().objpkey()).isEqualTo(1L); // reads the first segment
            consumer.seek(Offset.of(2L)); // found in it, before the deletion

            change(bus, "retain", "15");

            long oldest = FileBus.describe(bus).segments().get(0).baseOffset();
            assertThat(oldest).isGreaterThan(3);
            assertThatThrownBy(() -> consumer.iterator().hasNext()).as("the position, 2, was deleted")
                    .isInstanceOf(OffsetOutOfRangeException.class)
                    .hasMessageContaining("the event at offset 2 (the consumer's position) was deleted by retention");
            assertRefused(consumer, 2, oldest, 40);
            assertRefused(consumer, oldest - 1, oldest, 40);
            assertSeeksLandRight(consumer, oldest, 40);
            assertRefused(consumer, 41, oldest, 40);

            change(bus, "append", "40", "80", "600");

            consumer.seek(Offset.of(75L));
            List<Object> numbers = new ArrayList<>();
            consumer.forEach(event -> numbers.add(event.objpkey()));
            assertThat(numbers).containsExactly(75L, 76L, 77L, 78L, 79L);
            assertSeeksLandRight(consumer, oldest, 80);
            assertRefused(consumer, 81, oldest, 80);
        }
    }
}
