package io.hermesbus.bench;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.Offset;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * {@link SeekBenchmark}'s file-bus seek + read at several log sizes, interleaved in one JVM so that a shared
 * machine's drifting load falls on every size alike: blocks of {@value #BLOCK} seek + read alternate between a
 * consumer of each log, and each block's thread CPU time (time spent waiting for a core is not counted) gives one
 * figure per size and round; the medians and minimums are printed. The same events and seeded offsets as the
 * benchmark; the logs are written once under the folder given (kept, so that later runs skip writing them).
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.hermesbus.bench.SeekInterleaved <folder> [rounds] [events...]};
 * by default 15 rounds over 10,000, 1,000,000 and 10,000,000 events (2.3 GB of logs).
 */
public final class SeekInterleaved {
    private static final int BLOCK = 20_000;
    private static final int TARGETS = 1 << 16;

    private SeekInterleaved() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        long[] sizes = args.length > 2
                ? Arrays.stream(args, 2, args.length).mapToLong(Long::parseLong).toArray()
                : new long[] {10_000, 1_000_000, 10_000_000};
        int n = sizes.length;
        AbstractMessageBusConsumerPlugin[] consumers = new AbstractMessageBusConsumerPlugin[n];
        long[][] targets = new long[n][TARGETS];
        for (int i = 0; i < n; i++) {
            Path folder = root.resolve("seek-" + sizes[i]);
            if (!Files.exists(folder.resolve("complete"))) {
                BenchFiles.delete(folder);
                Files.createDirectories(folder);
                HermesEvents generator = HermesEvents.standard();
                FileBusLogs.write(folder, sizes[i], generator::smallEvent);
                Files.createFile(folder.resolve("complete"));
            }
            consumers[i] = FileBusLogs.openConsumer(folder);
            SplittableRandom random = new SplittableRandom(HermesEvents.SEED);
            for (int t = 0; t < TARGETS; t++) {
                targets[i][t] = random.nextLong(sizes[i]);
            }
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[][] micros = new double[n][rounds];
        int[] next = new int[n];
        for (int round = -3; round < rounds; round++) { // three rounds of warm-up
            for (int i = 0; i < n; i++) {
                long start = threads.getCurrentThreadCpuTime();
                for (int k = 0; k < BLOCK; k++) {
                    long target = targets[i][next[i]];
                    next[i] = (next[i] + 1) & (TARGETS - 1);
                    consumers[i].seek(Offset.of(target));
                    Event event = consumers[i].iterator().next();
                    if (((Offset.IntOffset) event.offset()).value() != target) {
                        throw new IllegalStateException("seek(" + target + ") then next() gave " + event);
                    }
                }
                if (round >= 0) {
                    micros[i][round] = (threads.getCurrentThreadCpuTime() - start) / 1e3 / BLOCK;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            double[] sorted = micros[i].clone();
            Arrays.sort(sorted);
            System.out.printf("events=%-10d median %6.2f µs  min %6.2f  max %6.2f  (%.2fx the first size, by medians)%n",
                    sizes[i], sorted[rounds / 2], sorted[0], sorted[rounds - 1],
                    sorted[rounds / 2] / median(micros[0]));
            consumers[i].close();
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
