package io.hermesbus.bench;

import com.sun.management.OperatingSystemMXBean;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.Event;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What {@link AppendBenchmark} measures, as CPU time rather than wall time: on a machine that other work keeps busy,
 * events per second say more about the other work than about the bus, while the CPU time this process spends per
 * event (all its threads, user and system: encoding, copying, system calls, the group commit thread's forces) hardly
 * depends on it. So whether several sending threads contend (more CPU per event than one) or gain (the same or less,
 * spread over cores), and what the file bus adds to encoding, can be read on a busy machine too.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.hermesbus.bench.AppendCpuCost [rounds] [events per run]}: for
 * each round, for 1, 2 and 4 threads, runs {@code encodeOnly} ({@code Event.toJson()} alone) and each file-bus store
 * ({@code file-sync} sends a tenth as many events), each in a fresh folder, after a warm-up run; prints one line per
 * run: events, wall time, events/s, CPU µs per event of the process and of the sending threads alone (the rest is
 * the bus's own threads, the collector and the compiler). The rounds interleave the configurations, so that a change of
 * load hits all of them.
 */
public final class AppendCpuCost {
    private static final String[] STORES = {"encode", "file-group-wb", "file-os-wb", "file-group", "file-os", "file-sync"};
    private static final int[] THREADS = {1, 2, 4};

    private AppendCpuCost() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        long events = args.length > 1 ? Long.parseLong(args[1]) : 400_000;
        List<Event> pool = HermesEvents.standard().events(AppendBenchmark.POOL);
        for (String store : STORES) {
            run(store, 1, events / 4, pool); // warm-up: compiles the paths
        }
        System.out.printf("%-14s %7s %10s %8s %12s %12s %12s%n", "store", "threads", "events", "wall s", "events/s",
                "CPU us/event", "senders' us");
        for (int round = 1; round <= rounds; round++) {
            for (int threads : THREADS) {
                for (String store : STORES) {
                    long count = store.equals("file-sync") ? events / 40 : events;
                    Result result = run(store, threads, count, pool);
                    System.out.printf("%-14s %7d %10d %8.2f %12.0f %12.2f %12.2f%n", store, threads, count,
                            result.wallNanos / 1e9, count / (result.wallNanos / 1e9), result.cpuNanos / 1e3 / count,
                            result.senderNanos / 1e3 / count);
                }
            }
        }
    }

    /** Wall time, the process's CPU time, and the sending threads' own CPU time (user and system). */
    private record Result(long wallNanos, long cpuNanos, long senderNanos) {
    }

    private static Result run(String store, int threads, long events, List<Event> pool) throws Exception {
        Path folder = BenchFiles.newFolder("append-cpu-" + store);
        AbstractMessageBusProducerPlugin producer = switch (store) {
            case "encode" -> null;
            case "file-group-wb" -> FileBusLogs.openWriteBehindProducer(folder, "group");
            case "file-os-wb" -> FileBusLogs.openWriteBehindProducer(folder, "os");
            default -> FileBusLogs.openProducer(folder, store.substring("file-".length()));
        };
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        AtomicLong sink = new AtomicLong();
        AtomicLong senderCpu = new AtomicLong();
        java.lang.management.ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        List<Thread> senders = new ArrayList<>();
        long each = events / threads;
        for (int t = 0; t < threads; t++) {
            int first = t * 1000;
            Thread sender = new Thread(() -> {
                try {
                    start.await();
                    long length = 0;
                    for (long i = 0; i < each; i++) {
                        Event event = pool.get((int) ((first + i) % pool.size()));
                        if (producer == null) {
                            length += event.toJson().length();
                        } else {
                            producer.send(event);
                        }
                    }
                    sink.addAndGet(length);
                    senderCpu.addAndGet(threadBean.getCurrentThreadCpuTime());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            sender.start();
            senders.add(sender);
        }
        long cpu0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        start.await();
        for (Thread sender : senders) {
            sender.join();
        }
        if (producer != null) {
            producer.close(); // a write-behind producer's last buffer, a group producer's last force: part of the cost
        }
        long wall = System.nanoTime() - wall0;
        long cpu = os.getProcessCpuTime() - cpu0;
        BenchFiles.delete(folder);
        return new Result(wall, cpu, senderCpu.get());
    }
}
