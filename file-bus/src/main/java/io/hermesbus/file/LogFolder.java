package io.hermesbus.file;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The segments of a bus folder, found by listing it; file names by base offset. */
final class LogFolder {
    static final String NOT_A_SEGMENT_NAME = "this *.log file is not named as a segment (20 decimal digits and .log,"
            + " such as 00000000000000000000.log); move it out of the bus folder";

    private LogFolder() {
    }

    /**
     * The base offsets of the segments in {@code folder}, in increasing order (empty when there is none).
     *
     * @throws CorruptLogException naming the first {@code *.log} file whose name is not a segment name
     */
    static long[] segmentBases(Path folder) throws IOException {
        return segmentBases(folder, null);
    }

    /**
     * As {@link #segmentBases(Path)}, but adds each {@code *.log} file whose name is not a segment name to
     * {@code foreign} instead of throwing (throws when {@code foreign} is null).
     */
    static long[] segmentBases(Path folder, List<Path> foreign) throws IOException {
        long[] bases = new long[16];
        int count = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!SegmentFormat.looksLikeSegment(name)) {
                    continue; // index, lock, temporary and unrelated files
                }
                long base = SegmentFormat.baseOffsetOf(name);
                if (base < 0 && foreign != null) {
                    foreign.add(entry);
                    continue;
                }
                if (base < 0) {
                    throw new CorruptLogException(entry, 0, NOT_A_SEGMENT_NAME);
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
