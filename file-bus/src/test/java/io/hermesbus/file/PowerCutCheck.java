package io.hermesbus.file;

import io.hermesbus.api.Event;
import io.hermesbus.api.HermesBusException;
import io.hermesbus.api.Offset;
import io.hermesbus.testing.TempFolders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The disk one power cut leaves, written to a new folder, and what the bus must make of it:
 * <ol>
 * <li>before recovery, a consumer from the beginning yields only events that were sent, whole, each once, at
 *     consecutive offsets, each thread's in order; it stops at the end or by raising an error, never with garbage;</li>
 * <li>{@link FileBus#check} then reports damage where the consumer raised it;</li>
 * <li>a producer opens on the folder as it is (no manual step) and sends three events;</li>
 * <li>then {@link FileBus#check} finds the folder healthy, and a consumer from the beginning ends quietly after reading
 *     what the first one read (same offsets), every event whose record was forced and not deleted by retention, the
 *     acknowledged events the mode promises to keep ({@code sync}: all; {@code group}: all but at most
 *     {@code sync_events} per producer), and the three new ones last.</li>
 * </ol>
 */
final class PowerCutCheck {
    private static final FileTime BEFORE_RESTART = FileTime.from(Instant.EPOCH);
    private static final Pattern NUMBER = Pattern.compile("pl-(\\d+)-pl");

    private final PowerLossRun run;
    private final DiskLog log;
    private final DiskLog.Cut cut;
    final List<String> violations = new ArrayList<>();
    int acknowledged;
    int lostAcknowledged;
    boolean damageRaised;
    boolean quietBeforeDamage;
    boolean recovered;

    PowerCutCheck(PowerLossRun run, DiskLog log, DiskLog.Cut cut) {
        this.run = run;
        this.log = log;
        this.cut = cut;
    }

    /** Runs the check; {@link #violations} says what failed. */
    PowerCutCheck run() {
        Path folder = TempFolders.newFolder("powerloss-cut-");
        try {
            for (Map.Entry<String, byte[]> file : log.disk(cut).entrySet()) {
                Path written = Files.write(folder.resolve(file.getKey()), file.getValue());
                Files.setLastModifiedTime(written, BEFORE_RESTART); // the machine restarts after a power loss
            }
            FileIo.Disk previous = FileIo.disk;
            FileIo.disk = new RecordingDisk(folder); // what recovery writes is not cut again: no need to force it
            try {
                check(folder);
            } finally {
                FileIo.disk = previous;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException | AssertionError e) {
            violations.add("unexpected " + e);
        } finally {
            TempFolders.deleteRecursively(folder);
        }
        return this;
    }

    private void check(Path folder) {
        Map<String, Object> settings = run.settings(folder);
        settings.remove("retention_bytes"); // the recovery producer keeps all, so that what the cut left can be counted
        settings.put("watch", false);
        settings.put("poll_interval_ms", 1);

        List<Event> before = new ArrayList<>();
        String end = read(settings, before);
        validate("before recovery", before);
        damageRaised = end.startsWith(CorruptLogException.class.getSimpleName());
        FileBusCheck checked = FileBus.check(folder);
        if (damageRaised && checked.healthy() && checked.tail().isEmpty()) {
            violations.add("the consumer raised " + end + " but FileBus.check found nothing");
        }
        if (!end.isEmpty() && !damageRaised) {
            violations.add("before recovery the consumer ended with " + end);
        }
        quietBeforeDamage = end.isEmpty() && !checked.healthy();
        if (checked.healthy() && end.isEmpty() && checked.records() != before.size()) {
            violations.add("before recovery FileBus.check counts " + checked.records() + " records, the consumer read "
                    + before.size());
        }

        try (FileBusProducer producer = new FileBusProducer(settings)) {
            producer.open();
            for (int seq = 0; seq < 3; seq++) {
                producer.send(run.event(PowerLossRun.RECOVERY / 10_000, seq));
            }
            recovered = true;
        } catch (HermesBusException e) {
            violations.add("the next producer did not recover the folder: " + e);
            return;
        }

        FileBusCheck repaired = FileBus.check(folder);
        if (!repaired.healthy() || repaired.tail().isPresent()) {
            violations.add("after recovery FileBus.check reports " + repaired.badRecords() + " " + repaired.tail());
        }
        List<Event> after = new ArrayList<>();
        String afterEnd = read(settings, after);
        if (!afterEnd.isEmpty()) {
            violations.add("after recovery the consumer ended with " + afterEnd);
        }
        validate("after recovery", after);
        if (repaired.records() != after.size()) {
            violations.add("after recovery FileBus.check counts " + repaired.records() + " records, the consumer read "
                    + after.size());
        }
        Map<Offset, Integer> afterAt = new HashMap<>();
        Set<Integer> kept = new HashSet<>();
        for (Event event : after) {
            afterAt.put(event.offset(), PowerLossRun.numberOf(event));
            kept.add(PowerLossRun.numberOf(event));
        }
        for (Event event : before) {
            if (!Integer.valueOf(PowerLossRun.numberOf(event)).equals(afterAt.get(event.offset()))) {
                violations.add("event " + PowerLossRun.numberOf(event) + " read at " + event.offset()
                        + " before recovery is not there after it");
            }
        }
        List<Integer> newest = after.subList(Math.max(0, after.size() - 3), after.size()).stream()
                .map(PowerLossRun::numberOf).toList();
        if (!newest.equals(List.of(PowerLossRun.RECOVERY, PowerLossRun.RECOVERY + 1, PowerLossRun.RECOVERY + 2))) {
            violations.add("the recovery producer's three events are not the last ones read: " + newest);
        }

        Set<Integer> forced = numbersIn(log.forced(cut).entrySet().stream()
                .filter(file -> file.getKey().endsWith(SegmentFormat.LOG_SUFFIX)).map(Map.Entry::getValue).toList());
        Set<Integer> retired = numbersIn(log.deleted(cut));
        forced.removeAll(kept);
        if (!forced.isEmpty()) {
            violations.add("events forced before the cut are lost: " + forced);
        }
        List<Integer> lost = new ArrayList<>();
        for (int i = 0; i < cut.at(); i++) {
            DiskOp op = log.ops.get(i);
            if (op.kind() == DiskOp.Kind.ACK) {
                acknowledged++;
                int number = (int) op.position();
                if (!kept.contains(number) && !retired.contains(number)) {
                    lost.add(number);
                }
            }
        }
        lostAcknowledged = lost.size();
        if (run.mode.equals("sync") && !lost.isEmpty()) {
            violations.add("sync: acknowledged events are lost: " + lost);
        }
        long syncEvents = ((Number) run.settings.get("sync_events")).longValue();
        if (run.mode.equals("group") && lost.size() > syncEvents * run.producers()) {
            violations.add("group: " + lost.size() + " acknowledged events are lost, more than sync_events ("
                    + syncEvents + ") per producer (" + run.producers() + "): " + lost);
        }
    }

    /** Reads from the beginning until caught up; returns "" or the error that ended the read. */
    private static String read(Map<String, Object> settings, List<Event> into) {
        try (FileBusConsumer consumer = new FileBusConsumer(settings)) {
            consumer.open();
            consumer.setTimeout(0);
            consumer.forEach(into::add);
            return "";
        } catch (HermesBusException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /** Sent, whole, once each, at consecutive offsets, each sender's in order. */
    private void validate(String when, List<Event> events) {
        Set<Integer> seen = new HashSet<>();
        Map<Integer, Integer> lastSeq = new HashMap<>();
        Offset previous = null;
        for (Event event : events) {
            int number = PowerLossRun.numberOf(event);
            if (number < 0 || !event.sameContentAs(run.eventNumbered(number))) {
                violations.add(when + ": an event that was never sent (torn or altered) at " + event.offset() + ": "
                        + event);
                continue;
            }
            if (!seen.add(number)) {
                violations.add(when + ": event " + number + " read twice, again at " + event.offset());
            }
            if (previous != null && !previous.successor().orElseThrow().equals(event.offset())) {
                violations.add(when + ": offset " + event.offset() + " follows " + previous);
            }
            Integer last = lastSeq.put(number / 10_000, number % 10_000);
            if (last != null && last >= number % 10_000) {
                violations.add(when + ": event " + number + " of its sender comes after its event " + last);
            }
            previous = event.offset();
        }
    }

    private static Set<Integer> numbersIn(List<byte[]> files) {
        Set<Integer> numbers = new HashSet<>();
        for (byte[] file : files) {
            Matcher matcher = NUMBER.matcher(new String(file, StandardCharsets.ISO_8859_1));
            while (matcher.find()) {
                numbers.add(Integer.parseInt(matcher.group(1)));
            }
        }
        return numbers;
    }
}
