package io.hermesbus.file;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The segments of a bus folder, found by listing it; file names by base offset. */
final class LogFolder {
    private LogFolder() {
    }

    /**
     * The base offsets of the segments in {@code folder}, in increasing order (empty when there is none).
     *
     * @throws CorruptLogException naming the first {@code *.log} file whose name is not a segment name
     */
    static long[] segmentBases(Path folder) throws IOException {
        long[] bases = new long[16];
        int count = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!SegmentFormat.looksLikeSegment(name)) {
                    continue; // index, lock, temporary and unrelated files
                }
                long base = SegmentFormat.baseOffsetOf(name);
                if (base < 0) {
                    throw new CorruptLogException(entry, 0, "this *.log file is not named as a segment (20 decimal"
                            + " digits and .log, such as 00000000000000000000.log); move it out of the bus folder");
                }
                if (count == bases.length) {
                    bases = Arrays.copyOf(bases, count * 2);
                }
                bases[count++] = base;
            }
        }
        long[] found = Arrays.copyOf(bases, count);
        Arrays.sort(found);
        return found;
    }

    static Path segmentPath(Path folder, long base) {
        return folder.resolve(SegmentFormat.segmentFileName(base));
    }

    static Path indexPath(Path folder, long base) {
        return folder.resolve(SegmentFormat.indexFileName(base));
    }

    /** The index in {@code bases} of the segment that holds {@code offset}: the last base {@code <= offset}; -1 if none. */
    static int segmentHolding(long[] bases, long offset) {
        int found = Arrays.binarySearch(bases, offset);
        return found >= 0 ? found : -found - 2;
    }
}
