package io.hermesbus.memory;

import io.hermesbus.api.Event;
import java.util.Arrays;
import java.util.Objects;

/**
 * The events a memory bus still holds, addressed by event number. Numbers are never reused: deleting the oldest
 * events moves {@link #oldest()} up while {@link #next()} keeps counting.
 *
 * <p>Events live in chunks of {@value #CHUNK_SIZE} slots: chunk {@code k} holds events {@code k * CHUNK_SIZE} to
 * {@code (k + 1) * CHUNK_SIZE - 1}, and is never moved nor reused. <b>A slot holds its event exactly while the
 * event is retained</b>: null before it is published, null again once retention deleted it. A chunk is dropped
 * once retention has passed all of it, so the bus holds its retained events plus at most two chunks of empty
 * slots, however many it published before.
 *
 * <p>Every method but {@link Reader}'s is called under {@link MemoryBus}'s lock. A {@link Reader} takes no lock:
 * <ul>
 *   <li>Publication: {@link #append} writes the slot, then the volatile {@code next}. A reader that reads
 *       {@code next > n} therefore sees slot {@code n} filled (and, through it, the immutable event).
 *   <li>Deletion: {@link #retainNewest} clears the slots. A reader finds either null, and then looks under the
 *       lock, which reports the deletion; or the event, only when its read raced with the deletion: the read
 *       then took effect before the deletion, and the event is yielded, in order, not skipped. A read that
 *       happens after the deletion (after the lock was released, or anything that orders it after, such as a
 *       {@code join} or the reading thread's own call) sees the cleared slot. So no consumer ever skips an
 *       event, and none yields an event after it could have learnt that the event was deleted.
 * </ul>
 * The slot is thus the only retention check a reader needs: no per-event volatile read of {@code oldest}.
 */
final class RetainedEvents {
    private static final int CHUNK_BITS = 10;
    static final int CHUNK_SIZE = 1 << CHUNK_BITS;
    private static final long SLOT_MASK = CHUNK_SIZE - 1;

    /** Where readers find chunks: written in place, and replaced by a larger copy when full. */
    private volatile Directory directory = new Directory(0, new Event[16][]);
    /** The chunk of event {@code next - 1}, where the next event goes unless it starts a new chunk. */
    private Event[] tail;
    private long oldest;
    /** Written after the slot of event {@code next - 1}: see the class comment. */
    private volatile long next;

    /** Chunk {@code first + i} is {@code chunks[i]}, or null if not yet added or already dropped. */
    private record Directory(long first, Event[][] chunks) {
        Event[] chunk(long chunkNumber) {
            long i = chunkNumber - first;
            return i >= 0 && i < chunks.length ? chunks[(int) i] : null;
        }
    }

    /** The number of the oldest retained event; equals {@link #next()} when none is retained. */
    long oldest() {
        return oldest;
    }

    /** The number the next appended event will get. */
    long next() {
        return next;
    }

    int size() {
        return (int) (next - oldest);
    }

    boolean isEmpty() {
        return size() == 0;
    }

    void append(Event event) {
        long number = next;
        if ((number & SLOT_MASK) == 0) {
            addChunk(number >>> CHUNK_BITS);
        }
        tail[(int) (number & SLOT_MASK)] = event;
        next = number + 1; // publishes the slot, and the chunk and directory leading to it
    }

    private void addChunk(long chunkNumber) {
        Directory current = directory;
        if (chunkNumber - current.first() == current.chunks().length) {
            // full: copy the chunks still held (from that of `oldest` on) to the front of one twice their number
            long first = oldest >>> CHUNK_BITS;
            int held = (int) (chunkNumber - first);
            Event[][] chunks = new Event[Math.max(16, 2 * held)][];
            System.arraycopy(current.chunks(), (int) (first - current.first()), chunks, 0, held);
            current = new Directory(first, chunks);
            directory = current;
        }
        tail = new Event[CHUNK_SIZE];
        current.chunks()[(int) (chunkNumber - current.first())] = tail;
    }

    /** The event numbered {@code number}, which must lie in {@code [oldest(), next())}. */
    Event get(long number) {
        return directory.chunk(number >>> CHUNK_BITS)[(int) (number & SLOT_MASK)];
    }

    /** Deletes all but the newest {@code count} events; does nothing when no more than {@code count} are held. */
    void retainNewest(int count) {
        long from = oldest;
        long to = next - count;
        if (to <= from) {
            return;
        }
        Directory current = directory;
        for (long start = from & ~SLOT_MASK; start < to; start += CHUNK_SIZE) {
            long chunkNumber = start >>> CHUNK_BITS;
            int end = (int) Math.min(to - start, CHUNK_SIZE);
            // cleared even in a chunk about to be dropped: a reader may still hold it, and must find no event
            Arrays.fill(current.chunk(chunkNumber), (int) (Math.max(from, start) - start), end, null);
            if (end == CHUNK_SIZE) {
                current.chunks()[(int) (chunkNumber - current.first())] = null;
            }
        }
        oldest = to;
    }

    /** How many chunks the bus holds: for tests of the memory bound. */
    int chunkCount() {
        return (int) Arrays.stream(directory.chunks()).filter(Objects::nonNull).count();
    }

    /** How many chunks the directory has room for: for tests of the memory bound. */
    int directoryLength() {
        return directory.chunks().length;
    }

    /**
     * Reads one bus's events without a lock, for one thread at a time. It knows a chunk and how far in it
     * events are published, so that reading an event is one slot read; when it does not know, {@link #look}
     * learns again with one volatile read. A null slot means the event is not there (any more): the caller
     * then looks under the lock, which waits or reports the deletion.
     *
     */
    static final class Reader {
        private final RetainedEvents events;
        /** The number of the event {@link #peek()} reads. */
        private long at;
        /** Events {@code at} to {@code limit - 1} are published and in {@link #chunk}. */
        private long limit;
        private Event[] chunk;

        Reader(RetainedEvents events) {
            this.events = events;
        }

        /** The number of the event {@link #peek()} reads. */
        final long at() {
            return at;
        }

        /** Event {@link #at()}, or null if this reader does not know it published or it was deleted. */
        final Event peek() {
            return at < limit ? chunk[(int) (at & SLOT_MASK)] : null;
        }

        /** Moves to event {@code number} and returns {@link #peek()}, knowing what is published there now. */
        final Event look(long number) {
            at = number;
            long published = events.next; // read before the directory and the slot, as the class comment says
            chunk = number < published ? events.directory.chunk(number >>> CHUNK_BITS) : null;
            limit = chunk == null ? number : Math.min(published, (number | SLOT_MASK) + 1);
            return peek();
        }

        /** Moves to the next event. */
        final void advance() {
            at++;
        }
    }
}
