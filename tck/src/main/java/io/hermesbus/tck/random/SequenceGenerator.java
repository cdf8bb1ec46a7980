package io.hermesbus.tck.random;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Makes the sequence of one seed. The generator runs the model alongside (without a bus) so that seeks go to events
 * whose offsets a correct bus would have shown by then. Same seed, same features: same sequence, on any JVM
 * ({@link Random} is specified exactly).
 */
final class SequenceGenerator {
    private SequenceGenerator() {
    }

    static List<Operation> generate(long seed, int steps, BusFeatures features) {
        Random random = new Random(seed);
        Model model = new Model(features);
        List<Operation> sequence = new ArrayList<>(steps);
        while (sequence.size() < steps) {
            Operation operation = next(random, model);
            operation.simulate(model);
            sequence.add(operation);
        }
        return sequence;
    }

    /** Publishing and reading most often; seeks, reopening and retention often enough to meet each other. */
    private static Operation next(Random random, Model model) {
        ConsumerId consumer = random.nextBoolean() ? ConsumerId.A : ConsumerId.B;
        int roll = random.nextInt(100);
        if (roll < 30) {
            String category = Categories.PUBLISHED.get(random.nextInt(Categories.PUBLISHED.size()));
            return new Publish(RandomEvents.event(random, category));
        }
        if (roll < 52) {
            return new ReadEvents(consumer, 1 + random.nextInt(8));
        }
        if (roll < 62) {
            String category = random.nextInt(5) == 0 ? Categories.NEVER_PUBLISHED
                    : Categories.PUBLISHED.get(random.nextInt(Categories.PUBLISHED.size()));
            return new FindNextOfCategory(consumer, category);
        }
        if (roll < 80) {
            List<Integer> known = model.knownIndexes();
            if (known.isEmpty()) {
                return new ReadEvents(consumer, 1 + random.nextInt(8));
            }
            int index = known.get(random.nextInt(known.size()));
            return roll < 71 ? new SeekToEvent(consumer, index) : new SeekAfterEvent(consumer, index);
        }
        if (roll < 87) {
            return new SeekToBeginning(consumer);
        }
        if (roll < 93 || !model.features().supportsRetention()) {
            return new Reopen(consumer);
        }
        return new RetainNewest(random.nextInt(5));
    }
}
