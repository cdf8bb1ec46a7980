package io.hermesbus.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The search over a segment's remembered index entries starts from an interpolated guess: whatever the spacing of the
 * entries' offsets, it must find exactly the entry a plain search finds (a later one would make a seek land past its
 * target). Replay with {@code -Dhermesbus.seed=<seed>}.
 */
class SegmentCacheTest {

    @Test
    void theFloorEntryIsTheOnePlainSearchFindsWhateverTheSpacingOfOffsets() throws Exception {
        long seed = Long.getLong("hermesbus.seed", System.nanoTime());
        System.out.println("SegmentCacheTest: seed " + seed + " (replay with -Dhermesbus.seed=" + seed + ")");
        Random random = new Random(seed);
        try (TestBus bus = new TestBus()) {
            for (int round = 0; round < 300; round++) {
                long base = random.nextInt(3) == 0 ? 0 : random.nextInt(1_000_000_000);
                int count = random.nextInt(5) == 0 ? random.nextInt(4) : 1 + random.nextInt(3000);
                long[] offsets = new long[count];
                long offset = base + random.nextInt(50);
                int shape = random.nextInt(4);
                for (int i = 0; i < count; i++) {
                    offset += switch (shape) {
                        case 0 -> 20; // evenly spaced
                        case 1 -> 1 + random.nextInt(40); // jittered
                        case 2 -> random.nextInt(20) == 0 ? 5_000 + random.nextInt(100_000) : 1; // bursts of large gaps
                        default -> i < count / 2 ? 1 : 1_000; // two regimes
                    };
                    offsets[i] = offset;
                }
                ByteBuffer index = ByteBuffer.allocate(16 + 16 * count);
                SegmentFormat.putFileHeader(index, SegmentFormat.INDEX_MAGIC);
                for (int i = 0; i < count; i++) {
                    index.putLong(offsets[i]).putLong(16 + 100L * i);
                }
                Files.write(bus.index(base), index.array());

                SegmentCache.Segment segment = new SegmentCache(bus.folder).segment(base);
                segment.readNewEntries(true);
                long end = count == 0 ? base + 10 : offsets[count - 1] + 10;
                for (int probe = 0; probe < 2000; probe++) {
                    long target = base - 5 + (probe < 20 ? probe : (long) (random.nextDouble() * (end - base + 5)));
                    int expected = -1;
                    while (expected + 1 < count && offsets[expected + 1] <= target) {
                        expected++;
                    }
                    assertThat(segment.floor(target)).as("floor(%d) of %d entries, shape %d, base %d (seed %d)",
                            target, count, shape, base, seed).isEqualTo(expected);
                }
                for (int i = 0; i < count; i++) {
                    assertThat(segment.floor(offsets[i])).as("floor of entry %d's own offset (seed %d)", i, seed)
                            .isEqualTo(i);
                }
                Files.delete(bus.index(base));
            }
        }
    }
}
