package io.hermesbus.file;

import static io.hermesbus.file.TestBus.numbers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.hermesbus.api.Event;
import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetOutOfRangeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A consumer remembers the segment list, the index entries and the segment files that its seeks used; the folder
 * changes under it while it does, and every seek must still answer exactly as one that reads everything afresh:
 * retention deleting segments (also one whose file the consumer holds open), other writers adding segments and
 * index entries, indexes damaged, replaced or deleted, segments deleted by hand.
 */
class SeekCacheTest {
    /** Events of about 120 bytes a record: with segment_bytes 600, five or six to a segment. */
    private static final int SEGMENT_BYTES = 600;

    /** Seeks to every offset from {@code from} to {@code to - 1} and reads the event there, then one more if any. */
    private static void assertSeeksLandRight(FileBusConsumer consumer, long from, long to) {
        for (long target = from; target < to; target++) {
            consumer.seek(Offset.of(target));
            Iterator<Event> events = consumer.iterator();
            assertThat(events.hasNext()).as("seek(%d) then hasNext()", target).isTrue();
            Event event = events.next();
            assertThat(event.offset()).as("seek(%d)", target).isEqualTo(Offset.of(target));
            assertThat(event.objpkey()).as("the event at offset %d", target).isEqualTo(target);
        }
        consumer.seek(Offset.of(to));
        assertThat(consumer.iterator().hasNext()).as("seek(%d), the end", to).isFalse();
    }

    private static void assertRefused(FileBusConsumer consumer, long target, long oldest, long next) {
        assertThatThrownBy(() -> consumer.seek(Offset.of(target))).as("seek(%d)", target)
                .isInstanceOf(OffsetOutOfRangeException.class)
                .hasMessageContaining("cannot seek to offset " + target)
                .hasMessageContaining("accepted offsets are " + oldest + " to " + (next - 1) + ", or " + next);
    }

    private static long oldest(TestBus bus) {
        return FileBus.describe(bus.folder).segments().get(0).baseOffset();
    }

    private static List<Long> bases(TestBus bus) {
        return FileBus.describe(bus.folder).segments().stream().map(SegmentDescription::baseOffset).toList();
    }

    @Test
    void aSeekAtOrBelowWhatRetentionDeletedIsRefusedAlthoughTheConsumerStillHoldsThatSegmentsFile() throws Exception {
        try (TestBus bus = new TestBus()) {
            TestBus.send(bus.producer("segment_bytes", SEGMENT_BYTES), 0, 40);
            FileBusConsumer consumer = bus.consumer();
            assertSeeksLandRight(consumer, 0, 40); // remembers every segment, index and (some) files
            consumer.seek(Offset.of(3L));
            assertThat(consumer.iterator().next().objpkey()).isEqualTo(3L); // reading segment 0 now

            FileBus.retainNewest(bus.folder, 15);

            long oldest = oldest(bus);
            assertThat(oldest).isBetween(6L, 25L);
            assertRefused(consumer, 3, oldest, 40); // the segment whose file the consumer reads
            assertRefused(consumer, 0, oldest, 40);
            assertRefused(consumer, oldest - 1, oldest, 40);
            assertThatThrownBy(() -> consumer.seek(Offset.of(oldest - 1))).hasMessageContaining(
                    "it is below the oldest retained offset " + oldest);
            assertSeeksLandRight(consumer, oldest, 40);
        }
    }

    @Test
    void aPositionThatRetentionDeletedAfterTheSeekIsReportedAtTheNextRead() throws Exception {
        try (TestBus bus = new TestBus()) {
            TestBus.send(bus.producer("segment_bytes", SEGMENT_BYTES), 0, 40);
            FileBusConsumer consumer = bus.consumer();
            assertSeeksLandRight(consumer, 0, 40);
            consumer.seek(Offset.of(2L)); // found, and its bytes read, before the deletion

            FileBus.retainNewest(bus.folder, 15);

            long oldest = oldest(bus);
            assertThatThrownBy(() -> consumer.iterator().hasNext()).isInstanceOf(OffsetOutOfRangeException.class)
                    .hasMessageContaining("the event at offset 2 (the consumer's position) was deleted by retention")
                    .hasMessageContaining("the oldest retained offset is " + oldest);
            consumer.seekToBeginning();
            assertThat(consumer.iterator().next().objpkey()).isEqualTo(oldest);
        }
    }

    @Test
    void retentionByAProducerRollingWhileTheConsumerSeeks() throws Exception {
        try (TestBus bus = new TestBus()) {
            FileBusProducer producer = bus.producer("segment_bytes", SEGMENT_BYTES, "retention_bytes", 2000);
            FileBusConsumer consumer = bus.consumer();
            long next = 0;
            for (int round = 0; round < 10; round++) {
                TestBus.send(producer, next, next + 7);
                next += 7;
                long oldest = oldest(bus);
                if (oldest > 0) {
                    assertRefused(consumer, oldest - 1, oldest, next);
                    assertRefused(consumer, 0, oldest, next);
                }
                assertSeeksLandRight(consumer, oldest, next);
                assertRefused(consumer, next + 1, oldest, next);
            }
            assertThat(oldest(bus)).as("retention deleted segments").isGreaterThan(30);
        }
    }

    @Test
    void seeksFindTheSegmentsAndIndexEntriesThatAnotherWriterAddedSinceTheyLooked() throws Exception {
        try (TestBus bus = new TestBus()) {
            TestBus.send(bus.producer("segment_bytes", SEGMENT_BYTES, "index_interval_bytes", 100), 0, 20);
            FileBusConsumer consumer = bus.consumer();
            assertSeeksLandRight(consumer, 0, 20);
            assertRefused(consumer, 21, 0, 20);
            int segmentsBefore = bases(bus).size();

            FileBusProducer other = bus.producer("segment_bytes", SEGMENT_BYTES, "index_interval_bytes", 100);
            TestBus.send(other, 20, 60);

            assertThat(bases(bus).size()).as("segments").isGreaterThan(segmentsBefore + 3);
            consumer.seek(Offset.of(55L));
            assertThat(numbers(TestBus.readAll(consumer))).isEqualTo(TestBus.range(55, 60));
            assertRefused(consumer, 61, 0, 60);
            assertSeeksLandRight(consumer, 0, 60);
        }
    }

    @Test
    void seeksUseTheIndexEntriesAppendedToTheActiveSegmentSinceTheyLooked() throws Exception {
        try (TestBus bus = new TestBus()) {
            FileBusProducer producer = bus.producer("index_interval_bytes", 1);
            FileBusConsumer consumer = bus.consumer();
            for (long next = 10; next <= 200; next += 10) {
                TestBus.send(producer, next - 10, next);
                consumer.seek(Offset.of(next - 1));
                assertThat(consumer.iterator().next().objpkey()).isEqualTo(next - 1);
                consumer.seek(Offset.of(next / 2));
                assertThat(consumer.iterator().next().objpkey()).isEqualTo(next / 2);
                assertRefused(consumer, next + 1, 0, next);
            }
            assertThat(bases(bus)).as("one segment throughout").containsExactly(0L);
        }
    }

    @Test
    void seeksLandRightWhateverTheSizesOfTheEventsBetweenIndexEntries() throws Exception {
        try (TestBus bus = new TestBus()) {
            FileBusProducer producer = bus.producer("index_interval_bytes", 2048, "segment_bytes", 200_000);
            Random random = new Random(11);
            for (long n = 0; n < 600; n++) {
                // mostly small events, many between two entries, and now and then one larger than several intervals
                int size = random.nextInt(15) == 0 ? 5_000 + random.nextInt(20_000) : random.nextInt(100);
                Map<String, Object> attributes = Map.of("n", n, "filler", "x".repeat(size));
                producer.send(new Event("base", "added", "Users", n, attributes, 0, false));
            }
            assertThat(bases(bus)).hasSizeGreaterThan(2);
            FileBusConsumer consumer = bus.consumer();
            assertSeeksLandRight(consumer, 0, 600);
            Random order = new Random(12);
            for (int i = 0; i < 600; i++) {
                long target = order.nextInt(600);
                consumer.seek(Offset.of(target));
                assertThat(consumer.iterator().next().objpkey()).as("seek(%d)", target).isEqualTo(target);
            }
        }
    }

    /** Ways an index file gets damaged under a consumer that remembers its entries. */
    enum Damage {
        FLIPPED_BYTES, TRUNCATED, REPLACED_BY_ANOTHER_SEGMENTS_INDEX,
        REPLACED_BY_THE_SAME_SEGMENTS_INDEX_OF_ANOTHER_LOG, DELETED, GARBAGE_UNDER_A_VALID_HEADER
    }

    @ParameterizedTest
    @EnumSource(Damage.class)
    void aDamagedIndexNeverMovesASeekEvenWhileTheConsumerRemembersIt(Damage damage) throws Exception {
        try (TestBus bus = new TestBus(); TestBus other = new TestBus()) {
            Object[] settings = {"segment_bytes", 4000, "index_interval_bytes", 1};
            FileBusProducer producer = bus.producer(settings);
            TestBus.send(producer, 0, 100);
            FileBusProducer otherProducer = other.producer(settings);
            for (long n = 0; n < 100; n++) {
                otherProducer.send(TestBus.event("a-longer-category-" + n, n)); // other sizes, so other positions
            }
            List<Long> bases = bases(bus);
            assertThat(bases).hasSizeGreaterThan(2);
            FileBusConsumer consumer = bus.consumer();
            assertSeeksLandRight(consumer, 0, 100); // remembers every index

            Random random = new Random(damage.ordinal());
            for (int i = 0; i < bases.size(); i++) {
                damage(damage, bus.index(bases.get(i)), bus.index(bases.get((i + 1) % bases.size())),
                        other.index(bases.get(i)), random);
            }

            assertSeeksLandRight(consumer, 0, 100);
            TestBus.send(producer, 100, 150); // entries appended to a damaged index, perhaps a new segment
            assertSeeksLandRight(consumer, 0, 150);
            assertSeeksLandRight(bus.consumer(), 0, 150); // and a consumer that reads the damaged indexes afresh
        }
    }

    private static void damage(Damage damage, Path index, Path neighboursIndex, Path otherLogsIndex, Random random)
            throws IOException {
        long size = Files.exists(index) ? Files.size(index) : 0;
        switch (damage) {
            case FLIPPED_BYTES -> {
                for (int i = 0; i < 12 && size > 0; i++) {
                    TestBus.flipByte(index, random.nextLong(size));
                }
            }
            case TRUNCATED -> TestBus.truncate(index, size / 2 + 5);
            case REPLACED_BY_ANOTHER_SEGMENTS_INDEX ->
                    Files.copy(neighboursIndex, index, StandardCopyOption.REPLACE_EXISTING);
            case REPLACED_BY_THE_SAME_SEGMENTS_INDEX_OF_ANOTHER_LOG -> {
                if (Files.exists(otherLogsIndex)) {
                    Files.copy(otherLogsIndex, index, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            case DELETED -> Files.deleteIfExists(index);
            case GARBAGE_UNDER_A_VALID_HEADER -> {
                byte[] garbage = new byte[(int) Math.max(size, 200)];
                random.nextBytes(garbage);
                ByteBuffer header = ByteBuffer.allocate(16);
                SegmentFormat.putFileHeader(header, SegmentFormat.INDEX_MAGIC);
                System.arraycopy(header.array(), 0, garbage, 0, 16);
                Files.write(index, garbage);
            }
        }
    }

    /**
     * A repair (README, "Recovery and corruption"): the last segment cut at a record and its index deleted, then
     * a producer appending anew from the cut, reusing the offsets with other events at other positions. The
     * consumer remembers entries and holds the file; after it seeks, it reads the new events.
     */
    @Test
    void afterARepairThatRewroteTheLastSegmentASeekReadsTheNewEvents() throws Exception {
        try (TestBus bus = new TestBus()) {
            FileBusProducer producer = bus.producer("index_interval_bytes", 1);
            TestBus.send(producer, 0, 30);
            producer.close();
            FileBusConsumer consumer = bus.consumer();
            assertSeeksLandRight(consumer, 0, 30);
            consumer.seek(Offset.of(15L));
            assertThat(consumer.iterator().next().objpkey()).isEqualTo(15L); // its bytes buffered

            TestBus.truncate(bus.segment(0), bus.recordPositions(0).get(10));
            Files.delete(bus.index(0));
            FileBusProducer repaired = bus.producer("index_interval_bytes", 1);
            for (long n = 10; n < 30; n++) {
                repaired.send(TestBus.event("after-the-repair-" + n, n));
            }

            for (long target : new long[] {15, 29, 10, 9, 0}) {
                assertSeekReads(consumer, target, target < 10 ? "base" : "after-the-repair-" + target);
            }
            for (long target = 0; target < 30; target++) {
                assertSeekReads(consumer, target, target < 10 ? "base" : "after-the-repair-" + target);
            }
        }
    }

    private static void assertSeekReads(FileBusConsumer consumer, long target, String category) {
        consumer.seek(Offset.of(target));
        Event event = consumer.iterator().next();
        assertThat(event.offset()).isEqualTo(Offset.of(target));
        assertThat(event.evcategory()).as("seek(%d)", target).isEqualTo(category);
    }

    /**
     * A repair that moved the later segments out, then a producer appending anew from the cut, which gives the new
     * segments the names of those moved out. The consumer holds the files moved out; after it seeks, it reads the
     * new ones.
     */
    @Test
    void afterARepairThatReplacedTheLaterSegmentsASeekReadsTheNewFiles() throws Exception {
        try (TestBus bus = new TestBus()) {
            FileBusProducer producer = bus.producer("segment_bytes", 1);
            TestBus.send(producer, 0, 6);
            producer.close();
            FileBusConsumer consumer = bus.consumer();
            assertSeeksLandRight(consumer, 0, 6); // holds every segment's file

            Path away = Files.createDirectories(bus.folder.resolve("moved-out"));
            for (long base = 3; base < 6; base++) {
                Files.move(bus.segment(base), away.resolve(bus.segment(base).getFileName()));
                Files.deleteIfExists(bus.index(base));
            }
            FileBusProducer repaired = bus.producer("segment_bytes", 1);
            for (long n = 3; n < 6; n++) {
                repaired.send(TestBus.event("after-the-repair-" + n, n));
            }

            for (long target = 5; target >= 0; target--) {
                assertSeekReads(consumer, target, target < 3 ? "base" : "after-the-repair-" + target);
            }
        }
    }

    @Test
    void aSegmentDeletedByHandFromTheMiddleIsReportedAlthoughTheConsumerRemembersIt() throws Exception {
        try (TestBus bus = new TestBus()) {
            TestBus.send(bus.producer("segment_bytes", 1), 0, 5);
            FileBusConsumer consumer = bus.consumer();
            assertSeeksLandRight(consumer, 0, 5);
            consumer.seek(Offset.of(2L));
            assertThat(consumer.iterator().next().objpkey()).isEqualTo(2L); // holding segment 2's file

            Files.delete(bus.segment(2));

            assertThatThrownBy(() -> consumer.seek(Offset.of(2L))).isInstanceOf(CorruptLogException.class)
                    .hasMessageContaining("segments are missing")
                    .hasMessageContaining("the next segment starts at offset 3");
            consumer.seek(Offset.of(3L));
            assertThat(consumer.iterator().next().objpkey()).isEqualTo(3L);
            consumer.seek(Offset.of(1L));
            assertThat(consumer.iterator().next().objpkey()).isEqualTo(1L);
        }
    }

    /** The segment files of {@code bus} this process has open, as /proc/self/fd shows them (Linux). */
    private static List<String> openSegmentFiles(TestBus bus) throws IOException {
        Path fds = Path.of("/proc/self/fd");
        assumeThat(Files.isDirectory(fds)).as("/proc/self/fd (Linux)").isTrue();
        String folder = bus.folder.toRealPath().toString();
        List<String> open = new ArrayList<>();
        try (Stream<Path> all = Files.list(fds)) {
            for (Path fd : (Iterable<Path>) all::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith(folder) && target.contains(".log")) {
                        open.add(target);
                    }
                } catch (IOException e) {
                    // closed meanwhile (the listing's own descriptor, for one)
                }
            }
        }
        return open;
    }

    @Test
    void theSegmentFilesThatSeeksKeepOpenAreBoundedAndClosedOnceRetentionDeletedThem() throws Exception {
        try (TestBus bus = new TestBus()) {
            FileBusProducer producer = bus.producer("segment_bytes", 1);
            TestBus.send(producer, 0, 200);
            producer.close(); // so that every segment file open in this process is the consumer's
            FileBusConsumer consumer = bus.consumer();
            assertSeeksLandRight(consumer, 0, 200);
            List<String> open = openSegmentFiles(bus);
            assertThat(open.size()).as("segment files open after seeking over 200 segments: %s", open)
                    .isBetween(1, SegmentCache.MAX_OPEN_SEGMENTS + 1);

            consumer.seek(Offset.of(50L)); // a file that retention is about to delete
            consumer.seek(Offset.of(190L));
            FileBus.retainNewest(bus.folder, 100);
            assertThatThrownBy(() -> consumer.seek(Offset.of(50L))).isInstanceOf(OffsetOutOfRangeException.class);

            assertThat(openSegmentFiles(bus)).as("deleted segment files still open after a refused seek")
                    .noneMatch(file -> file.endsWith("(deleted)"));

            consumer.seek(Offset.of(100L));
            consumer.seek(Offset.of(150L));
            FileBus.retainNewest(bus.folder, 40);
            Thread.sleep(1100);
            consumer.seek(Offset.of(190L)); // no reason to list but time: the files kept are checked once a second
            assertThat(openSegmentFiles(bus)).as("deleted segment files still open a second later")
                    .noneMatch(file -> file.endsWith("(deleted)"));

            consumer.seek(Offset.of(170L));
            consumer.seek(Offset.of(180L));
            Thread.sleep(1100);
            assertThat(consumer.iterator().next().objpkey()).isEqualTo(180L); // reading on, not seeking
            assertThat(openSegmentFiles(bus)).as("files kept open while reading on a second after the last seek")
                    .hasSize(1);
        }
    }

    /**
     * A seeded random sequence of appends by two writers (rolling small segments), retention, damage to indexes,
     * seeks anywhere around the retained range and reads, against a model of the log: the offsets accepted and
     * refused, and the events read. Replay with {@code -Dhermesbus.seed=<seed>}.
     */
    @Test
    void seeksAcrossManySegmentsMatchAModelUnderAppendsRollsRetentionAndIndexDamage() throws Exception {
        long seed = Long.getLong("hermesbus.seed", System.nanoTime());
        System.out.println("SeekCacheTest model check: seed " + seed + " (replay with -Dhermesbus.seed=" + seed + ")");
        Random random = new Random(seed);
        List<String> steps = new ArrayList<>();
        try (TestBus bus = new TestBus()) {
            int segmentBytes = 200 + random.nextInt(1500);
            int interval = 1 + random.nextInt(400);
            Object[] settings = {"segment_bytes", segmentBytes, "index_interval_bytes", interval};
            steps.add("segment_bytes " + segmentBytes + ", index_interval_bytes " + interval);
            FileBusProducer[] writers = {bus.producer(settings), bus.producer(settings)};
            FileBusConsumer consumer = bus.consumer();
            long next = 0;
            long oldest = 0;
            long position = 0; // the consumer's, as the model has it
            for (int step = 0; step < 1500; step++) {
                int op = random.nextInt(100);
                String what;
                if (op < 22 || next == 0) {
                    int writer = random.nextInt(2);
                    int count = 1 + random.nextInt(8);
                    TestBus.send(writers[writer], next, next + count);
                    next += count;
                    what = "writer " + writer + " appends up to " + (next - 1);
                } else if (op < 26) {
                    long keep = random.nextInt((int) (next - oldest) + 2);
                    FileBus.retainNewest(bus.folder, keep);
                    long before = oldest;
                    oldest = oldest(bus);
                    assertThat(oldest).as("oldest after retainNewest(%d)", keep)
                            .isBetween(before, Math.max(next - keep, before));
                    what = "retainNewest(" + keep + "): oldest " + oldest;
                } else if (op < 30) {
                    List<Path> indexes;
                    try (Stream<Path> files = Files.list(bus.folder)) {
                        indexes = files.filter(f -> f.toString().endsWith(".idx")).sorted().toList();
                    }
                    if (indexes.isEmpty()) {
                        continue;
                    }
                    Damage damage = Damage.values()[random.nextInt(Damage.values().length)];
                    Path index = indexes.get(random.nextInt(indexes.size()));
                    damage(damage, index, indexes.get(random.nextInt(indexes.size())), index, random);
                    what = damage + " " + index.getFileName();
                } else if (op < 35) {
                    consumer.seekToBeginning();
                    position = oldest;
                    what = "seekToBeginning()";
                } else {
                    long target = Math.max(0, oldest - 3 + random.nextInt((int) (next - oldest) + 7));
                    what = "seek(" + target + ") with " + oldest + " to " + next + " accepted";
                    String context = String.join("\n  ", steps.subList(Math.max(0, steps.size() - 30), steps.size()))
                            + "\n  " + what + "\n(seed " + seed + ")";
                    Throwable thrown = catchThrowable(() -> consumer.seek(Offset.of(target)));
                    if (target >= oldest && target <= next) {
                        assertThat(thrown).as("%s", context).isNull();
                        position = target;
                    } else {
                        assertThat(thrown).as("%s", context).isInstanceOf(OffsetOutOfRangeException.class)
                                .hasMessageContaining(next > oldest
                                        ? "accepted offsets are " + oldest + " to " + (next - 1) + ", or " + next
                                        : "the only accepted offset is " + next);
                    }
                    int reads = random.nextInt(4);
                    for (int i = 0; i < reads; i++) {
                        Iterator<Event> events = consumer.iterator();
                        String at = context + "\n  read " + i + " at model position " + position;
                        if (position < oldest) {
                            // deleted: refused, unless read from bytes buffered before the deletion (README)
                            long expected = position;
                            Throwable deleted = catchThrowable(() ->
                                    assertThat(events.next().objpkey()).as("%s", at).isEqualTo(expected));
                            if (deleted != null) {
                                assertThat(deleted).as("%s", at).isInstanceOf(OffsetOutOfRangeException.class)
                                        .hasMessageContaining("offset " + position + " (the consumer's position)");
                                break;
                            }
                        } else if (position == next) {
                            assertThat(events.hasNext()).as("%s", at).isFalse();
                            break;
                        } else {
                            Event event = events.next();
                            assertThat(event.offset()).as("%s", at).isEqualTo(Offset.of(position));
                            assertThat(event.objpkey()).as("%s", at).isEqualTo(position);
                        }
                        position++;
                    }
                }
                steps.add(what);
            }
            assertThat(next).as("events appended").isGreaterThan(500);
            assertThat(oldest).as("retention deleted something").isGreaterThan(0);
        }
    }
}
