package io.hermesbus.file;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A recorded run ({@link RecordingDisk}) and the disk a power cut at any point of it may leave.
 *
 * <p>The model, for a cut before change number {@code at}:
 * <ul>
 * <li>The folder: its changes up to its last force before the cut are on disk; of the later ones, a prefix (in order,
 *     as a journaling file system commits them). A file's force does not make its name durable.</li>
 * <li>A file: its content at its last force before the cut is on disk (fdatasync: data and size). Each later write
 *     or truncation made a new version of the file; the disk holds the size of one of those versions (or the forced
 *     one), and each 4 KiB page independently holds that page of one of them, in any order of time; bytes of a page
 *     beyond the size of the version it holds read as zeros (a size written before the data). A page may be torn: its
 *     first 1 to 7 sectors of 512 B from a later version, the rest from the one it holds.</li>
 * </ul>
 * A file never forced holds, at the least, nothing. Acknowledgements ({@link DiskOp.Kind#ACK}) change nothing.
 */
final class DiskLog {
    static final int PAGE = 4096;
    static final int SECTOR = 512;

    final List<DiskOp> ops;
    private final Map<Integer, History> histories = new HashMap<>();

    DiskLog(List<DiskOp> ops) {
        this.ops = ops;
        for (int i = 0; i < ops.size(); i++) {
            DiskOp op = ops.get(i);
            switch (op.kind()) {
                case CREATE -> histories.put(op.file(), new History(i));
                case WRITE -> {
                    History history = histories.get(op.file());
                    byte[] last = history.latest();
                    int end = (int) op.position() + op.bytes().length;
                    byte[] next = Arrays.copyOf(last, Math.max(last.length, end));
                    System.arraycopy(op.bytes(), 0, next, (int) op.position(), op.bytes().length);
                    history.add(i, next);
                }
                case TRUNCATE -> {
                    History history = histories.get(op.file());
                    history.add(i, Arrays.copyOf(history.latest(), (int) Math.min(op.position(), history.latest().length)));
                }
                case FORCE -> histories.get(op.file()).forces.add(new int[] {i, histories.get(op.file()).versions.size() - 1});
                default -> {
                }
            }
        }
    }

    /** The versions of one file, each with the change that made it, and its forces. */
    private static final class History {
        final List<byte[]> versions = new ArrayList<>();
        final List<Integer> madeAt = new ArrayList<>();
        final List<int[]> forces = new ArrayList<>(); // {change number, version forced}

        History(int created) {
            versions.add(new byte[0]);
            madeAt.add(created);
        }

        byte[] latest() {
            return versions.get(versions.size() - 1);
        }

        void add(int at, byte[] version) {
            versions.add(version);
            madeAt.add(at);
        }

        /** The newest version made before change {@code at}. */
        int newestBefore(int at) {
            int v = 0;
            while (v + 1 < madeAt.size() && madeAt.get(v + 1) < at) {
                v++;
            }
            return v;
        }

        /** The version on disk for sure at a cut before change {@code at}. */
        int forcedBefore(int at) {
            int forced = 0;
            for (int[] force : forces) {
                if (force[0] < at) {
                    forced = force[1];
                }
            }
            return forced;
        }
    }

    /** The choices of one cut: which of the unforced changes reached the disk. */
    record Cut(int at, int folderChangesKept, Map<Integer, FileCut> files) {
    }

    /**
     * What one file holds: the version giving its size, and per page the version it holds and, if torn, how many
     * leading sectors come from which later version (0: not torn).
     */
    record FileCut(int sizeVersion, int[] pageVersions, int[] tornSectors, int[] tornVersions) {
        FileCut with(int sizeVersion, int[] pageVersions, int[] tornSectors) {
            return new FileCut(sizeVersion, pageVersions, tornSectors, tornVersions);
        }
    }

    /** How a cut chooses among the unforced changes: all of them, none, or any mix. */
    enum Style { ALL, NONE, MIXED }

    /** A cut before change {@code at} (0 .. {@code ops.size()}), its choices drawn from {@code random}. */
    Cut cut(int at, Random random) {
        Style style = Style.values()[random.nextInt(10) < 2 ? random.nextInt(2) : 2];
        List<Integer> pending = pendingFolderChanges(at);
        int kept = switch (style) {
            case ALL -> pending.size();
            case NONE -> 0;
            case MIXED -> random.nextInt(pending.size() + 1);
        };
        Map<Integer, FileCut> files = new LinkedHashMap<>();
        for (int file : folderAt(at, kept).values()) {
            History history = histories.get(file);
            int forced = history.forcedBefore(at);
            int newest = history.newestBefore(at);
            int sizeVersion = pick(style, forced, newest, random);
            int pages = (history.versions.get(sizeVersion).length + PAGE - 1) / PAGE;
            int[] pageVersions = new int[pages];
            int[] tornSectors = new int[pages];
            int[] tornVersions = new int[pages];
            for (int p = 0; p < pages; p++) {
                pageVersions[p] = pick(style, forced, newest, random);
                if (style == Style.MIXED && pageVersions[p] < newest && random.nextInt(8) == 0) {
                    tornSectors[p] = 1 + random.nextInt(PAGE / SECTOR - 1);
                    tornVersions[p] = pageVersions[p] + 1 + random.nextInt(newest - pageVersions[p]);
                }
            }
            files.put(file, new FileCut(sizeVersion, pageVersions, tornSectors, tornVersions));
        }
        return new Cut(at, kept, files);
    }

    private static int pick(Style style, int forced, int newest, Random random) {
        return switch (style) {
            case ALL -> newest;
            case NONE -> forced;
            case MIXED -> switch (random.nextInt(3)) {
                case 0 -> newest;
                case 1 -> forced;
                default -> forced + random.nextInt(newest - forced + 1);
            };
        };
    }

    /** The version of {@code file} that is on disk for sure at a cut before change {@code at}. */
    int forcedVersion(int file, int at) {
        return histories.get(file).forcedBefore(at);
    }

    /** The disk after {@code cut}: each file's name and bytes. */
    Map<String, byte[]> disk(Cut cut) {
        Map<String, byte[]> disk = new LinkedHashMap<>();
        folderAt(cut.at(), cut.folderChangesKept()).forEach((name, file) -> {
            History history = histories.get(file);
            FileCut choice = cut.files().get(file);
            byte[] bytes = new byte[history.versions.get(choice.sizeVersion()).length];
            for (int p = 0; p < choice.pageVersions().length; p++) {
                copyPage(history.versions.get(choice.pageVersions()[p]), p * PAGE, PAGE, bytes);
                if (choice.tornSectors()[p] > 0) {
                    copyPage(history.versions.get(choice.tornVersions()[p]), p * PAGE, choice.tornSectors()[p] * SECTOR, bytes);
                }
            }
            disk.put(name, bytes);
        });
        return disk;
    }

    /** The forced content of every file a cut leaves, by name: what no cut may lose. */
    Map<String, byte[]> forced(Cut cut) {
        Map<String, byte[]> forced = new LinkedHashMap<>();
        folderAt(cut.at(), cut.folderChangesKept()).forEach((name, file) -> {
            History history = histories.get(file);
            forced.put(name, history.versions.get(history.forcedBefore(cut.at())));
        });
        return forced;
    }

    /** The newest content of every file deleted by the folder changes that {@code cut} keeps. */
    List<byte[]> deleted(Cut cut) {
        List<byte[]> deleted = new ArrayList<>();
        for (int i : keptFolderChanges(cut.at(), cut.folderChangesKept())) {
            DiskOp op = ops.get(i);
            if (op.kind() == DiskOp.Kind.DELETE) {
                History history = histories.get(op.file());
                deleted.add(history.versions.get(history.newestBefore(i)));
            }
        }
        return deleted;
    }

    private static void copyPage(byte[] from, int start, int length, byte[] into) {
        int end = Math.min(Math.min(start + length, into.length), from.length);
        if (end > start) {
            System.arraycopy(from, start, into, start, end - start);
        }
        for (int i = Math.max(start, from.length); i < Math.min(start + length, into.length); i++) {
            into[i] = 0;
        }
    }

    /** The folder changes made after the folder's last force before change {@code at}, and before it. */
    private List<Integer> pendingFolderChanges(int at) {
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < at; i++) {
            DiskOp op = ops.get(i);
            if (op.kind() == DiskOp.Kind.FORCE_FOLDER) {
                pending.clear();
            } else if (op.changesFolder()) {
                pending.add(i);
            }
        }
        return pending;
    }

    /** The folder changes a cut before {@code at} keeps: every forced one, and the first {@code kept} of the rest. */
    private List<Integer> keptFolderChanges(int at, int kept) {
        List<Integer> pending = pendingFolderChanges(at);
        int cutFrom = pending.size() > kept ? pending.get(kept) : at;
        List<Integer> changes = new ArrayList<>();
        for (int i = 0; i < cutFrom; i++) {
            if (ops.get(i).changesFolder()) {
                changes.add(i);
            }
        }
        return changes;
    }

    /** The folder's entries (name to file) after the changes a cut keeps. */
    private Map<String, Integer> folderAt(int at, int kept) {
        Map<String, Integer> names = new LinkedHashMap<>();
        for (int i : keptFolderChanges(at, kept)) {
            DiskOp op = ops.get(i);
            switch (op.kind()) {
                case CREATE -> names.put(op.name(), op.file());
                case RENAME -> names.put(op.newName(), names.remove(op.name()));
                case DELETE -> names.remove(op.name());
                default -> throw new IllegalStateException(op.kind().name());
            }
        }
        return names;
    }
}
