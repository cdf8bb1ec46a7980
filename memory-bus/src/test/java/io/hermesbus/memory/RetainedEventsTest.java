package io.hermesbus.memory;

import static io.hermesbus.memory.RetainedEvents.CHUNK_SIZE;
import static org.assertj.core.api.Assertions.assertThat;

import io.hermesbus.api.Event;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chunked store and its lock-free reader, on one thread: chunk boundaries, retention, the memory bound. */
class RetainedEventsTest {
    private final RetainedEvents events = new RetainedEvents();

    private void append(long from, long to) {
        for (long key = from; key < to; key++) {
            events.append(TestBus.event("users", key));
        }
    }

    /** What a reader yields from {@code number} on, as an iterator does: peek, else look again. */
    private static List<Object> readFrom(RetainedEvents events, long number) {
        RetainedEvents.Reader reader = new RetainedEvents.Reader(events);
        List<Object> keys = new ArrayList<>();
        Event event = reader.look(number);
        while (event != null) {
            keys.add(event.objpkey());
            reader.advance();
            event = reader.peek();
            if (event == null) {
                event = reader.look(reader.at());
            }
        }
        return keys;
    }

    private static List<Object> keys(long from, long to) {
        List<Object> keys = new ArrayList<>();
        for (long key = from; key < to; key++) {
            keys.add(key);
        }
        return keys;
    }

    @Test
    void aReaderYieldsEveryEventAcrossChunkBoundaries() {
        append(0, 3L * CHUNK_SIZE + 7);

        assertThat(readFrom(events, 0)).isEqualTo(keys(0, 3L * CHUNK_SIZE + 7));
        assertThat(readFrom(events, CHUNK_SIZE - 1)).isEqualTo(keys(CHUNK_SIZE - 1, 3L * CHUNK_SIZE + 7));
        for (long number : new long[] {0, CHUNK_SIZE - 1, CHUNK_SIZE, 2L * CHUNK_SIZE + 1, 3L * CHUNK_SIZE + 6}) {
            assertThat(events.get(number).objpkey()).isEqualTo(number);
        }
    }

    @Test
    void aReaderSeesNothingBeyondWhatIsPublishedUntilItLooksAgain() {
        append(0, 2);
        RetainedEvents.Reader reader = new RetainedEvents.Reader(events);

        assertThat(reader.look(2)).isNull();
        append(2, 3);
        assertThat(reader.peek()).isNull(); // it has not looked since
        assertThat(reader.look(2).objpkey()).isEqualTo(2L);
    }

    @Test
    void retentionClearsTheSlotsEvenOfAChunkAReaderStillHolds() {
        append(0, CHUNK_SIZE + 10);
        RetainedEvents.Reader reader = new RetainedEvents.Reader(events);
        assertThat(reader.look(5).objpkey()).isEqualTo(5L);

        events.retainNewest(3); // drops chunk 0, which the reader holds, and clears most of chunk 1

        assertThat(reader.peek()).isNull();
        assertThat(reader.look(5)).isNull();
        assertThat(reader.look(CHUNK_SIZE + 6)).isNull();
        assertThat(events.oldest()).isEqualTo(CHUNK_SIZE + 7);
        assertThat(readFrom(events, CHUNK_SIZE + 7)).isEqualTo(keys(CHUNK_SIZE + 7, CHUNK_SIZE + 10));
        assertThat(events.chunkCount()).isEqualTo(1);
    }

    @Test
    void retainingNoneAtAChunkBoundaryThenAppendingStartsTheNextChunk() {
        append(0, 2L * CHUNK_SIZE);
        events.retainNewest(0);

        assertThat(events.isEmpty()).isTrue();
        assertThat(events.chunkCount()).isZero();
        append(2L * CHUNK_SIZE, 2L * CHUNK_SIZE + 2);
        assertThat(readFrom(events, events.oldest())).isEqualTo(keys(2L * CHUNK_SIZE, 2L * CHUNK_SIZE + 2));
    }

    @Test
    void retainingNoneWithinAChunkThenAppendingFillsTheSameChunk() {
        append(0, 10);
        events.retainNewest(0);
        append(10, 12);

        assertThat(events.size()).isEqualTo(2);
        assertThat(readFrom(events, 10)).isEqualTo(keys(10, 12));
        assertThat(events.chunkCount()).isEqualTo(1);
    }

    @Test
    void memoryStaysBoundedUnderConstantRetention() {
        for (long key = 0; key < 200L * CHUNK_SIZE; key++) {
            events.append(TestBus.event("users", key));
            events.retainNewest(100);
        }

        assertThat(events.size()).isEqualTo(100);
        assertThat(events.chunkCount()).isLessThanOrEqualTo(2);
        assertThat(events.directoryLength()).isLessThanOrEqualTo(16);
        assertThat(readFrom(events, events.oldest())).isEqualTo(keys(200L * CHUNK_SIZE - 100, 200L * CHUNK_SIZE));
    }

    @Test
    void theDirectoryGrowsWithTheRetainedChunksAndKeepsThem() {
        append(0, 40L * CHUNK_SIZE);
        events.retainNewest(20 * CHUNK_SIZE + 1);
        append(40L * CHUNK_SIZE, 70L * CHUNK_SIZE); // fills the directory (64 chunks): it is copied from chunk 19

        assertThat(events.chunkCount()).isEqualTo(51);
        assertThat(events.directoryLength()).isEqualTo(90);
        assertThat(readFrom(events, events.oldest())).isEqualTo(keys(20L * CHUNK_SIZE - 1, 70L * CHUNK_SIZE));
    }
}
