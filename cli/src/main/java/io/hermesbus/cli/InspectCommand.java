package io.hermesbus.cli;

import io.hermesbus.file.FileBus;
import io.hermesbus.file.FileBusCheck;
import io.hermesbus.file.SegmentDescription;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code hermes-bus inspect}: what a file bus folder holds, and a full check of every record. */
@Command(name = "inspect", mixinStandardHelpOptions = true, versionProvider = HermesBusCli.Version.class,
        header = "Show what a file bus folder holds, and check every record.",
        description = {
            "For the file bus: its segments, the offset range, events and bytes per category, what retention deleted, "
                    + "and a full check of every record (length, CRC-32C, offset, JSON) that names each bad record's "
                    + "segment file and byte position. Exits with 1 if any record is bad.",
            "An incomplete record at the very end of the last segment is a write in progress or a torn tail that the "
                    + "next producer cuts (file-bus README, \"Recovery and corruption\"): shown, not counted as bad. "
                    + "Takes no lock and changes nothing; producers may keep writing."},
        footerHeading = "%nExamples:%n", footer = {
            "  hermes-bus inspect /var/lib/hermes/bus",
            ""})
final class InspectCommand implements Callable<Integer> {
    @ParentCommand
    HermesBusCli cli;

    @Parameters(index = "0", paramLabel = "FOLDER", description = "The file bus folder (its 'path' setting).")
    Path folder;

    @Override
    public Integer call() {
        if (!Files.isDirectory(folder)) {
            throw new CliException(ExitCodes.USAGE, folder + " is not a file bus folder: "
                    + (Files.exists(folder) ? "it is not a folder" : "no such folder"));
        }
        FileBusCheck check = FileBus.check(folder);
        if (check.segments().isEmpty() && check.badRecords().isEmpty()) {
            throw new CliException(ExitCodes.USAGE, folder + " is not a file bus folder: it holds no segment (a file "
                    + "such as 00000000000000000000.log); give the folder a file bus's 'path' setting names");
        }
        PrintStream out = cli.output.out;
        out.println("file bus " + folder.toAbsolutePath().normalize());
        printSegments(out, check);
        printOffsets(out, check);
        printCategories(out, check);
        printCheck(out, check);
        return check.healthy() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static void printSegments(PrintStream out, FileBusCheck check) {
        out.println("segments: " + check.segments().size() + " (" + check.totalBytes() + " bytes)");
        for (SegmentDescription segment : check.segments()) {
            String offsets = segment.lastOffset().isPresent()
                    ? "offsets " + segment.baseOffset() + " to " + segment.lastOffset().getAsLong() : "no events";
            out.printf("  %s  %-24s %8d events %12d bytes%s%n", segment.file().getFileName(), offsets, segment.events(),
                    segment.bytes(), segment.newestTimestamp().map(time -> "  newest " + time).orElse(""));
        }
    }

    private static void printOffsets(PrintStream out, FileBusCheck check) {
        if (check.oldestRetainedOffset().isEmpty()) {
            out.println("offsets: none (the folder holds no segment)");
            return;
        }
        long oldest = check.oldestRetainedOffset().getAsLong();
        long next = check.nextOffset();
        out.println(next > oldest
                ? "offsets: " + oldest + " to " + (next - 1) + " (" + check.records() + " events); the next event gets offset " + next
                : "offsets: none retained; the next event gets offset " + next);
        StringBuilder retention = new StringBuilder("retention: ");
        retention.append(oldest == 0 ? "nothing deleted (the oldest retained offset is 0)"
                : "offsets 0 to " + (oldest - 1) + " deleted; the oldest retained offset is " + oldest);
        check.segments().get(0).newestTimestamp().ifPresent(time ->
                retention.append("; the oldest segment's newest event is ").append(age(time)).append(" old"));
        out.println(retention);
    }

    private static void printCategories(PrintStream out, FileBusCheck check) {
        out.println("categories: " + check.categories().size());
        for (Map.Entry<String, FileBusCheck.CategoryTotals> category : check.categories().entrySet()) {
            out.printf("  %-24s %8d events %12d bytes%n", category.getKey(), category.getValue().events(), category.getValue().bytes());
        }
    }

    private static void printCheck(PrintStream out, FileBusCheck check) {
        check.tail().ifPresent(tail -> out.println("tail: " + tail.file().getFileName() + " at byte " + tail.position() + ": "
                + tail.bytes() + " bytes of an incomplete record (" + tail.what() + "); a write in progress, or a torn"
                + " tail that the next producer cuts"));
        if (check.healthy()) {
            out.println("check: all " + check.records() + " records valid (length, CRC-32C, offset, JSON)");
            return;
        }
        int count = check.badRecords().size();
        out.println("check: " + count + " bad record" + (count == 1 ? "" : "s") + " among " + check.records() + " read");
        for (FileBusCheck.BadRecord bad : check.badRecords()) {
            out.println("  BAD " + bad.file().getFileName() + " at byte " + bad.position() + ": " + bad.what());
        }
        out.println("the file-bus README (\"Recovery and corruption\") says how to repair a folder");
    }

    private static String age(Instant time) {
        Duration age = Duration.between(time, Instant.now());
        if (age.isNegative()) {
            return "0s";
        }
        return age.toDays() > 0 ? age.toDays() + "d " + age.toHoursPart() + "h"
                : age.toHours() > 0 ? age.toHours() + "h " + age.toMinutesPart() + "m"
                : age.toMinutes() > 0 ? age.toMinutes() + "m " + age.toSecondsPart() + "s"
                : age.toSeconds() + "s";
    }
}
