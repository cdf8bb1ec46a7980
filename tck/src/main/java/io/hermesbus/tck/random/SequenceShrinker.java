package io.hermesbus.tck.random;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Shrinks a failing sequence to a short one that still fails, replaying each candidate on a fresh bus.
 *
 * <p>It starts from the sequence cut just after the failing step, with skipped steps dropped, and once tries making
 * every read read everything (a read that reaches further needs fewer steps before it). Then, until nothing changes
 * or the time limit passes: it removes chunks of steps (halving their size down to 2), trying chunks from the end
 * first, because late steps depend on early ones and not the reverse; then single steps, from anywhere; then it
 * replaces each step by a simpler variant ({@link Operation#simpler()}: fewer events, earlier indexes, plainer
 * content, earlier categories, consumer A); and, when that changed nothing on a short sequence, it removes any two
 * steps together. When removed steps published events, later references {@code #i} are first renumbered to keep
 * pointing at the same events, then tried unchanged.
 *
 * <p>A candidate is kept when its replay fails in any way; each kept one is cut after its own failing step. Every
 * kept candidate is shorter, or as long and simpler, than the one before, so shrinking ends.
 */
final class SequenceShrinker {
    private static final int SMALLEST_CHUNK = 2;
    /** Up to this length, trying every pair of steps costs at most some hundred replays. */
    private static final int LONGEST_FOR_PAIRS = 16;

    private final SequenceReplayer replayer;
    private final Duration limit;
    private long deadline;
    private int replays;
    private boolean stoppedAtLimit;
    private ReplayOutcome current;

    SequenceShrinker(SequenceReplayer replayer, Duration limit) {
        this.replayer = replayer;
        this.limit = limit;
    }

    ShrinkResult shrink(ReplayOutcome failing) {
        deadline = System.nanoTime() + limit.toNanos();
        current = failing.withoutUnusedSteps();
        if (current.sequence().isEmpty()) {
            return new ShrinkResult(current, replays, false);
        }
        widenReads();
        boolean changed = true;
        while (changed && !stoppedAtLimit) {
            changed = removeChunks();
            changed |= removeChunksOf(1);
            changed |= simplifySteps();
            if (!changed) {
                changed = removePairs();
            }
        }
        return new ShrinkResult(current, replays, stoppedAtLimit);
    }

    /** Once only: reads then shrink back to fewer events, and doing this again would undo that. */
    private void widenReads() {
        int publishes = (int) current.sequence().stream().filter(Publish.class::isInstance).count();
        List<Operation> widened = current.sequence().stream()
                .map(step -> step instanceof ReadEvents read ? read.atLeast(publishes) : step)
                .toList();
        if (!widened.equals(current.sequence())) {
            keepIfFails(widened);
        }
    }

    private boolean removeChunks() {
        boolean changed = false;
        for (int size = current.sequence().size() / 2; size >= SMALLEST_CHUNK && !stoppedAtLimit; size /= 2) {
            changed |= removeChunksOf(size);
        }
        return changed;
    }

    /** Tries removing every run of {@code size} steps, the last run first. */
    private boolean removeChunksOf(int size) {
        boolean changed = false;
        int start = current.sequence().size() - size;
        while (start >= 0 && !stoppedAtLimit) {
            Set<Integer> chunk = new TreeSet<>();
            IntStream.range(start, start + size).forEach(chunk::add);
            if (removeAndKeepIfFails(chunk)) {
                changed = true;
                // The steps now at start are new there; try them too, within the shorter sequence.
                start = Math.min(start, current.sequence().size() - size);
            } else {
                start--;
            }
        }
        return changed;
    }

    /** Any two steps at once, for when each is needed only while the other is there. */
    private boolean removePairs() {
        int size = current.sequence().size();
        if (size > LONGEST_FOR_PAIRS) {
            return false;
        }
        for (int second = size - 1; second > 0 && !stoppedAtLimit; second--) {
            for (int first = second - 1; first >= 0 && !stoppedAtLimit; first--) {
                if (removeAndKeepIfFails(Set.of(first, second))) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean removeAndKeepIfFails(Set<Integer> positions) {
        List<Operation> sequence = current.sequence();
        if (keepIfFails(without(sequence, positions, true))) {
            return true;
        }
        boolean removesPublishes = positions.stream().anyMatch(i -> sequence.get(i) instanceof Publish);
        return removesPublishes && !stoppedAtLimit && keepIfFails(without(sequence, positions, false));
    }

    /**
     * {@code sequence} without the steps at {@code positions}. With {@code renumber}, a later reference to {@code #i}
     * is lowered by the number of removed publishes before {@code #i}. In a current (shrunk) sequence every step runs,
     * so the k-th publishing step publishes {@code #k}.
     */
    private static List<Operation> without(List<Operation> sequence, Set<Integer> positions, boolean renumber) {
        List<Integer> removedEvents = new ArrayList<>();
        List<Operation> result = new ArrayList<>(sequence.size());
        int published = 0;
        for (int i = 0; i < sequence.size(); i++) {
            Operation step = sequence.get(i);
            boolean publishes = step instanceof Publish;
            if (positions.contains(i)) {
                if (publishes) {
                    removedEvents.add(published);
                }
            } else {
                result.add(renumber && !removedEvents.isEmpty()
                        ? step.renumbered(index -> index - (int) removedEvents.stream().filter(r -> r < index).count())
                        : step);
            }
            if (publishes) {
                published++;
            }
        }
        return result;
    }

    private boolean simplifySteps() {
        boolean changed = false;
        for (int i = 0; i < current.sequence().size() && !stoppedAtLimit; i++) {
            boolean simplified = true;
            while (simplified && i < current.sequence().size() && !stoppedAtLimit) {
                simplified = false;
                for (Operation variant : current.sequence().get(i).simpler()) {
                    List<Operation> candidate = new ArrayList<>(current.sequence());
                    candidate.set(i, variant);
                    if (keepIfFails(candidate)) {
                        changed = true;
                        simplified = true;
                        break;
                    }
                    if (stoppedAtLimit) {
                        break;
                    }
                }
            }
        }
        return changed;
    }

    /** Replays {@code candidate}; when it fails (in any way) it becomes the current sequence, cut after its failure. */
    private boolean keepIfFails(List<Operation> candidate) {
        if (System.nanoTime() - deadline >= 0) {
            stoppedAtLimit = true;
            return false;
        }
        replays++;
        ReplayOutcome outcome = replayer.replay(candidate);
        if (!outcome.failed()) {
            return false;
        }
        current = outcome.withoutUnusedSteps();
        return true;
    }
}
