package io.hermesbus.tck.random;

import io.hermesbus.api.Deadline;
import io.hermesbus.tck.BusUnderTest;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.opentest4j.AssertionFailedError;

/**
 * Rule 10.1 of the conformance kit: random sequences of operations, run on the bus under test and on a small model
 * of a correct bus, must agree step by step.
 *
 * <p>A sequence mixes: publishing events of a few categories with varied content (non-ASCII text, numbers, booleans,
 * null, bytes, datetimes, nested lists and maps); and, on either of two independent consumers A and B,
 * {@code seekToBeginning()}, {@code seek} to and {@code seekAfter} the offset of an event read before, reading up to
 * n events, {@code findNextEventOfCategory} (also of a category never published), and closing, reopening and seeking
 * to the beginning; plus {@code retainNewest(k)} when the bus declares retention. Each sequence runs on a fresh bus
 * from the supplier, closed afterwards, with a producer and both consumers opened first and the consumers' timeout set
 * to the bus's declared delivery delay.
 *
 * <p>The model follows the semantics stated on {@link io.hermesbus.api.AbstractMessageBusConsumerPlugin}: reads yield
 * exactly the events from the position on, then end; offsets and timestamps are set, of the declared kind, strictly
 * increasing, and the same each time an event is read again; seeks to deleted events and reads from a deleted
 * position throw {@link io.hermesbus.api.OffsetOutOfRangeException}. Any other exception is a divergence, and so is a
 * step that does not return within the operation limit.
 *
 * <p>On the first divergence the sequence is shrunk to a short one that still diverges, and {@link #run()} throws an
 * {@link AssertionFailedError} naming the run seed, the sequence seed, how to replay, and the shrunk sequence with
 * the failing step's expected and observed results. The run seed determines every sequence: the same seed and
 * settings replay the same run on the same bus. Without a divergence the run ends after the last sequence or at its
 * {@link #timeBudget time budget}, whichever comes first, so that a slow bus cannot make the check run for many
 * minutes; {@link #run()} says which in its {@link PassedRun}.
 *
 * <p>Not thread-safe; configure and run from one thread.
 */
public final class ModelBasedCheck {
    /** The system property holding the run seed to replay: see {@link #configuredSeed()}. */
    public static final String SEED_PROPERTY = Seeds.PROPERTY;

    private final Supplier<BusUnderTest> freshBus;
    private long seed;
    private int sequences = 50;
    private int maxSteps = 40;
    private Duration operationLimit = Duration.ofSeconds(10);
    private Duration shrinkLimit = Duration.ofSeconds(30);
    /** Null: no budget. */
    private Duration timeBudget;

    private ModelBasedCheck(Supplier<BusUnderTest> freshBus, long seed) {
        this.freshBus = freshBus;
        this.seed = seed;
    }

    /**
     * A check of the buses {@code freshBus} makes: it must give a new, empty bus at each call. The run seed is the
     * {@link #configuredSeed() configured} one when set, else a random one.
     *
     * @param freshBus called once per sequence (and per replay while shrinking), possibly from a worker thread; not
     *     null
     * @return a check with the defaults, to configure and {@link #run()}
     * @throws IllegalArgumentException if a configured seed is not a whole number
     */
    public static ModelBasedCheck forBuses(Supplier<BusUnderTest> freshBus) {
        Objects.requireNonNull(freshBus, "freshBus");
        return new ModelBasedCheck(freshBus, configuredSeed().orElseGet(Seeds::random));
    }

    /**
     * The run seed asked for from outside, to replay a failed run: the system property {@code hermesbus.tck.seed}
     * when set, else the environment variable {@code HERMESBUS_TCK_SEED}, else empty.
     *
     * @return the seed; empty when neither is set
     * @throws IllegalArgumentException if the value set is not a whole number
     */
    public static OptionalLong configuredSeed() {
        return Seeds.configured();
    }

    /**
     * Sets the run seed, from which every sequence's seed is derived. By default the run seed is the configured one,
     * else random (from {@link System#nanoTime()}, mixed); a fixed seed set here also overrides the configured one,
     * so a kit that wants replays through {@code -Dhermesbus.tck.seed} leaves it alone.
     *
     * @param seed any {@code long}
     * @return this check
     */
    public ModelBasedCheck seed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * The run seed this check will use, so that a passing run can be reported and replayed too.
     *
     * @return the seed set, configured or drawn at construction
     */
    public long runSeed() {
        return seed;
    }

    /**
     * How many sequences to run, each on a fresh bus; default 50.
     *
     * @param count the number of sequences, at least 1
     * @return this check
     * @throws IllegalArgumentException if {@code count} is below 1
     */
    public ModelBasedCheck sequences(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("sequences must be at least 1, got " + count);
        }
        this.sequences = count;
        return this;
    }

    /**
     * How many steps each sequence has; default 40.
     *
     * @param steps the number of steps per sequence, at least 1
     * @return this check
     * @throws IllegalArgumentException if {@code steps} is below 1
     */
    public ModelBasedCheck maxSteps(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("maxSteps must be at least 1, got " + steps);
        }
        this.maxSteps = steps;
        return this;
    }

    /**
     * How long one step may take before the bus counts as hanging, on top of the declared delivery delay; default
     * 10 s. The hanging step fails the sequence; its thread is abandoned (a daemon, so it cannot keep the JVM alive).
     *
     * @param limit the time a step may take, positive
     * @return this check
     * @throws IllegalArgumentException if {@code limit} is not positive
     */
    public ModelBasedCheck operationLimit(Duration limit) {
        this.operationLimit = positive(limit, "operationLimit");
        return this;
    }

    /**
     * How long shrinking a failing sequence may take; default 30 s. When it runs out, the shortest failing sequence
     * found so far is reported, and the message says that it may shrink further.
     *
     * @param limit the time shrinking may take, positive
     * @return this check
     * @throws IllegalArgumentException if {@code limit} is not positive
     */
    public ModelBasedCheck shrinkLimit(Duration limit) {
        this.shrinkLimit = positive(limit, "shrinkLimit");
        return this;
    }

    /**
     * How long the sequences may run in all; by default there is no budget. Once it has passed, the run starts no further step
     * and ends as passed, saying after how many sequences ({@link PassedRun}); a divergence found before is shrunk
     * within the {@link #shrinkLimit shrink limit} as always. A budget stop fails nothing: it bounds how long a slow
     * bus keeps the check busy.
     *
     * @param budget the time for all sequences, positive
     * @return this check
     * @throws IllegalArgumentException if {@code budget} is not positive
     */
    public ModelBasedCheck timeBudget(Duration budget) {
        this.timeBudget = positive(budget, "timeBudget");
        return this;
    }

    private static Duration positive(Duration limit, String name) {
        Objects.requireNonNull(limit, name);
        if (limit.isZero() || limit.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, got " + limit);
        }
        return limit;
    }

    /**
     * Runs the sequences, one after the other, stopping at the first that diverges from the model or when the time
     * budget has passed.
     *
     * @return how many sequences ran, and whether the time budget stopped the run
     * @throws AssertionFailedError describing the shrunk failing sequence, if a sequence diverged
     */
    public PassedRun run() {
        SequenceReplayer replayer = new SequenceReplayer(freshBus, operationLimit);
        Deadline budget = budgetFromNow();
        for (int number = 1; number <= sequences; number++) {
            if (budget.passed()) {
                return new PassedRun(seed, number - 1, sequences, true, timeBudget);
            }
            long sequenceSeed = Seeds.ofSequence(seed, number);
            ReplayOutcome outcome = replayer.replay(
                    features -> SequenceGenerator.generate(sequenceSeed, maxSteps, features), budget);
            if (outcome.failed()) {
                ShrinkResult shrunk = new SequenceShrinker(replayer, shrinkLimit).shrink(outcome);
                throw new AssertionFailedError(FailureReport.text(seed, number, sequences, sequenceSeed, outcome,
                        shrunk, shrinkLimit));
            }
            if (outcome.cutShort()) {
                // its steps so far agreed, but a sequence cut short is not one that ran
                return new PassedRun(seed, number - 1, sequences, true, timeBudget);
            }
        }
        return new PassedRun(seed, sequences, sequences, false, timeBudget);
    }

    /** The budget as a deadline whose clock starts now (a deadline's clock starts when first asked). */
    private Deadline budgetFromNow() {
        Deadline budget = timeBudget == null || timeBudget.toMillis() > Integer.MAX_VALUE
                ? Deadline.never() : Deadline.after((int) timeBudget.toMillis());
        budget.passed();
        return budget;
    }
}
