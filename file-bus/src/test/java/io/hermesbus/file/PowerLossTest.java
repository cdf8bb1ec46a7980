package io.hermesbus.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Power loss, simulated: runs of the bus recorded at its files ({@link PowerLossRun}, {@link RecordingDisk}), cut at
 * random points with random choices of what reached the disk ({@link DiskLog}), each cut checked
 * ({@link PowerCutCheck}). Every mode, segment rolls, retention, several senders.
 *
 * <p>{@code -Dpowerloss.cuts=N}: about N cuts, 40 per recorded run, the runs taking the modes in turn (default 400:
 * 10 runs, 2 per mode; the README's reliability section gives the long run). {@code -Dpowerloss.seed=S}: the first
 * run's seed (else a random one, printed). A failure is shrunk to fewer unforced changes kept, its run saved under
 * {@code target/powerloss}, and the command that replays exactly that cut printed ({@code -Dpowerloss.replay=FILE}).
 */
class PowerLossTest {
    private static final int CUTS_PER_RUN = 40;

    @Test
    void everyCutKeepsWhatItsModePromises() throws IOException {
        String replay = System.getProperty("powerloss.replay");
        if (replay != null) {
            replayCut(Path.of(replay));
            return;
        }
        int cuts = Integer.getInteger("powerloss.cuts", 400);
        long seed = Long.getLong("powerloss.seed", new Random().nextLong());
        Map<String, Totals> totals = new LinkedHashMap<>();
        PowerLossRun.MODES.forEach(mode -> totals.put(mode, new Totals()));
        long started = System.nanoTime();
        int runs = (cuts + CUTS_PER_RUN - 1) / CUTS_PER_RUN;
        for (int r = 0; r < runs; r++) {
            if (r > 0 && r % 100 == 0) {
                System.out.printf("power loss: %d runs so far, %.0f s%n", r, (System.nanoTime() - started) / 1e9);
                totals.forEach((mode, total) -> System.out.println("  " + mode + ": " + total));
            }
            PowerLossRun run = new PowerLossRun(seed + r);
            DiskLog log = run.record();
            Random random = new Random(run.seed);
            for (int c = 0; c < CUTS_PER_RUN; c++) {
                DiskLog.Cut cut = log.cut(random.nextInt(log.ops.size() + 1), random);
                PowerCutCheck check = new PowerCutCheck(run, log, cut).run();
                totals.get(run.mode).add(check);
                if (!check.violations.isEmpty()) {
                    fail(run, log, cut, check);
                }
            }
        }
        System.out.printf("power loss: %d runs from seed %d, %d cuts in %.1f s%n", runs, seed, runs * CUTS_PER_RUN,
                (System.nanoTime() - started) / 1e9);
        totals.forEach((mode, total) -> System.out.println("  " + mode + ": " + total));
        if (runs >= PowerLossRun.MODES.size()) {
            totals.values().forEach(total -> assertThat(total.cuts).as("cuts of every mode").isPositive());
        }
    }

    /** The figures of one mode's cuts. */
    private static final class Totals {
        int cuts;
        long acknowledged;
        long lost;
        int mostLost;
        int damageRaised;
        int quietBeforeDamage;
        int recovered;

        void add(PowerCutCheck check) {
            cuts++;
            acknowledged += check.acknowledged;
            lost += check.lostAcknowledged;
            mostLost = Math.max(mostLost, check.lostAcknowledged);
            damageRaised += check.damageRaised ? 1 : 0;
            quietBeforeDamage += check.quietBeforeDamage ? 1 : 0;
            recovered += check.recovered ? 1 : 0;
        }

        @Override
        public String toString() {
            return cuts + " cuts, " + acknowledged + " acknowledged events before them, " + lost
                    + " of them lost (at most " + mostLost + " at one cut), consumers raised damage before recovery at "
                    + damageRaised + " cuts and ended quietly before damage FileBus.check reports at "
                    + quietBeforeDamage + ", " + recovered + " recovered";
        }
    }

    private static void fail(PowerLossRun run, DiskLog log, DiskLog.Cut cut, PowerCutCheck check) throws IOException {
        DiskLog.Cut smallest = shrink(run, log, cut);
        Path saved = Files.createDirectories(Path.of("target", "powerloss")).resolve("run-" + run.seed + "-at-"
                + cut.at() + ".bin").toAbsolutePath();
        save(saved, run, log, smallest);
        throw new AssertionError("power cut at change " + cut.at() + " of " + log.ops.size() + " of run " + run.seed
                + " (" + run.mode + ", " + run.settings + ", " + run.threads + " senders"
                + (run.sharedProducer ? " sharing a producer" : "") + (run.retainNewest ? ", retainNewest" : "") + "): "
                + new PowerCutCheck(run, log, smallest).run().violations
                + "\n  replay exactly this cut (shrunk):  mvn -pl file-bus test -Dtest=PowerLossTest -Dpowerloss.replay="
                + saved
                + "\n  run its seed again (thread timing differs):  mvn -pl file-bus test -Dtest=PowerLossTest"
                + " -Dpowerloss.seed=" + run.seed + " -Dpowerloss.cuts=" + CUTS_PER_RUN
                + "\n  first found: " + check.violations);
    }

    /** Keeps the cut failing with fewer unforced changes kept: untorn pages, then pages and sizes at older versions. */
    private static DiskLog.Cut shrink(PowerLossRun run, DiskLog log, DiskLog.Cut cut) {
        DiskLog.Cut smallest = cut;
        for (int folder = 0; folder < smallest.folderChangesKept(); folder++) {
            DiskLog.Cut fewer = new DiskLog.Cut(cut.at(), folder, cut.files());
            if (fails(run, log, fewer, smallest)) {
                smallest = fewer;
                break;
            }
        }
        for (int file : List.copyOf(smallest.files().keySet())) {
            DiskLog.FileCut choice = smallest.files().get(file);
            for (int p = 0; p < choice.pageVersions().length; p++) {
                int[] torn = choice.tornSectors().clone();
                torn[p] = 0;
                int[] older = choice.pageVersions().clone();
                older[p] = log.forcedVersion(file, cut.at());
                for (DiskLog.FileCut simpler : List.of(choice.with(choice.sizeVersion(), choice.pageVersions(), torn),
                        choice.with(choice.sizeVersion(), older, torn))) {
                    DiskLog.Cut candidate = withFile(smallest, file, simpler);
                    if (!simpler.equals(choice) && fails(run, log, candidate, smallest)) {
                        smallest = candidate;
                        choice = simpler;
                    }
                }
            }
        }
        return smallest;
    }

    private static boolean fails(PowerLossRun run, DiskLog log, DiskLog.Cut candidate, DiskLog.Cut current) {
        return candidate != current && !new PowerCutCheck(run, log, candidate).run().violations.isEmpty();
    }

    private static DiskLog.Cut withFile(DiskLog.Cut cut, int file, DiskLog.FileCut choice) {
        Map<Integer, DiskLog.FileCut> files = new LinkedHashMap<>(cut.files());
        files.put(file, choice);
        return new DiskLog.Cut(cut.at(), cut.folderChangesKept(), files);
    }

    private static void save(Path file, PowerLossRun run, DiskLog log, DiskLog.Cut cut) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeLong(run.seed);
            out.writeInt(log.ops.size());
            for (DiskOp op : log.ops) {
                op.writeTo(out);
            }
            out.writeInt(cut.at());
            out.writeInt(cut.folderChangesKept());
            out.writeInt(cut.files().size());
            for (Map.Entry<Integer, DiskLog.FileCut> entry : cut.files().entrySet()) {
                DiskLog.FileCut choice = entry.getValue();
                out.writeInt(entry.getKey());
                out.writeInt(choice.sizeVersion());
                for (int[] values : List.of(choice.pageVersions(), choice.tornSectors(), choice.tornVersions())) {
                    out.writeInt(values.length);
                    for (int value : values) {
                        out.writeInt(value);
                    }
                }
            }
        }
    }

    private static void replayCut(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            PowerLossRun run = new PowerLossRun(in.readLong());
            List<DiskOp> ops = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                ops.add(DiskOp.readFrom(in));
            }
            int at = in.readInt();
            int folderChangesKept = in.readInt();
            Map<Integer, DiskLog.FileCut> files = new LinkedHashMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                int key = in.readInt();
                int sizeVersion = in.readInt();
                int[][] values = new int[3][];
                for (int v = 0; v < 3; v++) {
                    values[v] = new int[in.readInt()];
                    for (int j = 0; j < values[v].length; j++) {
                        values[v][j] = in.readInt();
                    }
                }
                files.put(key, new DiskLog.FileCut(sizeVersion, values[0], values[1], values[2]));
            }
            DiskLog log = new DiskLog(ops);
            PowerCutCheck check = new PowerCutCheck(run, log, new DiskLog.Cut(at, folderChangesKept, files)).run();
            assertThat(check.violations).as("replayed cut " + file).isEmpty();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
