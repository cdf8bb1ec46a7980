package io.hermesbus.file;

import io.hermesbus.api.Event;
import io.hermesbus.testing.TempFolders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One recorded run for the power-loss check, drawn from a seed: a durability mode, one to three sending threads
 * (sharing one producer or each with its own), small segments, sometimes retention, events of varied sizes; recorded
 * by a {@link RecordingDisk} from the empty folder to the producers' close.
 */
final class PowerLossRun {
    /** The modes, in the order runs take them. */
    static final List<String> MODES = List.of("sync", "group", "os", "group+write_behind", "os+write_behind");
    /** Events of recovery producers are numbered from here (thread 99). */
    static final int RECOVERY = 99 * 10_000;

    final long seed;
    final String mode;
    final Map<String, Object> settings = new HashMap<>();
    final int threads;
    final int eventsPerThread;
    final boolean sharedProducer;
    final boolean retainNewest;
    private final long paddingSeed;

    PowerLossRun(long seed) {
        this.seed = seed;
        Random random = new Random(seed);
        mode = MODES.get(Math.floorMod(seed, MODES.size()));
        settings.put("durability", mode.replace("+write_behind", ""));
        settings.put("write_behind", mode.endsWith("+write_behind"));
        settings.put("sync_interval_ms", 1 + random.nextInt(10));
        settings.put("sync_events", 2 + random.nextInt(10));
        long segmentBytes = List.of(512, 1500, 4096, 20_000).get(random.nextInt(4));
        settings.put("segment_bytes", segmentBytes);
        settings.put("index_interval_bytes", List.of(100, 1000, 4096).get(random.nextInt(3)));
        if (random.nextInt(3) == 0) {
            settings.put("retention_bytes", segmentBytes * 3);
        }
        threads = 1 + random.nextInt(3);
        eventsPerThread = 15 + random.nextInt(40);
        sharedProducer = random.nextBoolean();
        retainNewest = random.nextInt(3) == 0;
        paddingSeed = random.nextLong();
    }

    int producers() {
        return sharedProducer ? 1 : threads;
    }

    /** Event {@code seq} of sending thread {@code thread}; its objpkey names it ({@link #numberOf}). */
    Event event(int thread, int seq) {
        int number = thread * 10_000 + seq;
        Random random = new Random(paddingSeed ^ number);
        int padding = random.nextInt(4) == 0 ? random.nextInt(3000) : random.nextInt(200);
        return new Event("cat" + random.nextInt(3), "added", "Users", "pl-" + number + "-pl",
                Map.of("thread", thread, "seq", seq, "padding", "x".repeat(padding)), 0, false);
    }

    /** The number in an objpkey made by {@link #event}, or -1. */
    static int numberOf(Event event) {
        if (event.objpkey() instanceof String key && key.matches("pl-\\d+-pl")) {
            return Integer.parseInt(key.substring(3, key.length() - 3));
        }
        return -1;
    }

    Event eventNumbered(int number) {
        return event(number / 10_000, number % 10_000);
    }

    /** The settings of this run's producers on {@code folder}. */
    Map<String, Object> settings(Path folder) {
        Map<String, Object> on = new HashMap<>(settings);
        on.put("path", folder.toString());
        return on;
    }

    /** Runs the senders on a new folder with the seam recording, and returns what it recorded. */
    DiskLog record() {
        Path folder = TempFolders.newFolder("powerloss-run-");
        FileIo.Disk previous = FileIo.disk;
        try {
            RecordingDisk disk = new RecordingDisk(folder);
            FileIo.disk = disk;
            List<FileBusProducer> producers = new ArrayList<>();
            for (int i = 0; i < producers(); i++) {
                FileBusProducer producer = new FileBusProducer(settings(folder));
                producer.open();
                producers.add(producer);
            }
            List<Thread> senders = new ArrayList<>();
            List<Throwable> failures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                FileBusProducer producer = producers.get(sharedProducer ? 0 : t);
                senders.add(new Thread(() -> {
                    for (int seq = 0; seq < eventsPerThread; seq++) {
                        producer.send(event(thread, seq));
                        disk.acknowledge(thread * 10_000 + seq);
                        if (retainNewest && thread == 0 && seq % 20 == 19) {
                            FileBus.retainNewest(folder, seq);
                        }
                    }
                }, "powerloss-sender-" + t));
            }
            senders.forEach(sender -> sender.setUncaughtExceptionHandler((s, e) -> {
                synchronized (failures) {
                    failures.add(e);
                }
            }));
            senders.forEach(Thread::start);
            for (Thread sender : senders) {
                sender.join(60_000);
            }
            producers.forEach(FileBusProducer::close);
            if (!failures.isEmpty()) {
                throw new AssertionError("a sender of run " + seed + " failed", failures.get(0));
            }
            return disk.log();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            FileIo.disk = previous;
            TempFolders.deleteRecursively(folder);
        }
    }
}
