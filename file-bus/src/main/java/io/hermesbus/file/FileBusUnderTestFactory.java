package io.hermesbus.file;

import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.api.Settings;
import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.tck.BusUnderTestFactory;
import io.hermesbus.tck.FreshFolders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fresh file buses for the conformance kit ({@code hermes-bus verify file}, and this module's kit tests): each in
 * a new folder ({@link FreshFolders}), deleted on close, under the user's {@code path} if given (so that the kit
 * runs on the file system the user cares about; the folder {@code path} itself is never a bus), else in the
 * system's temporary folder. The user's other settings apply to every bus. Unless the user sets
 * {@code segment_bytes}, it is 1 (one record per segment), so that {@link FileBus#retainNewest} keeps exactly the
 * events asked and retention is declared; with another value retention is not declared, since it would keep more.
 * Declares raw publishing ({@link FileBus#appendRaw}). With {@code write_behind = true} an event becomes readable
 * only once its buffer is written, at the latest at the next tick of {@code sync_interval_ms}: the bus declares a
 * delivery delay of two intervals plus {@value #WRITE_BEHIND_SLACK_MS} ms (a tick that comes late on a busy machine,
 * the write itself), so that the rules that expect an event wait that long and the one that needs it at once (a
 * consumer with timeout 0 right after {@code send}) says it is not applicable, and why. That delay does not cover
 * rolls: with a small {@code segment_bytes} every record of a buffer waits for the forces of a roll before it is
 * written, so give a write-behind bus under test a large segment size (retention then is not declared).
 *
 * <p>Compiled against the kit, which this module's users never need: Hermes never loads this class.
 */
public final class FileBusUnderTestFactory implements BusUnderTestFactory {
    /** One record per segment: retention then deletes exactly the events asked. */
    private static final long EXACT_RETENTION_SEGMENT_BYTES = 1;
    /** What a write-behind tick may come late by, on top of two intervals. */
    static final long WRITE_BEHIND_SLACK_MS = 100;

    private final FileBusProvider provider = new FileBusProvider();

    /**
     * @throws InvalidSettingsException naming the setting, if one is unknown or out of range, or if no folder can
     *     be created under {@code path}
     */
    @Override
    public BusUnderTest create(Map<String, ?> settings) {
        Map<String, Object> fresh = new LinkedHashMap<>(settings);
        fresh.putIfAbsent(FileBusSettings.SEGMENT_BYTES, EXACT_RETENTION_SEGMENT_BYTES);
        fresh.putIfAbsent(FileBusSettings.PATH, System.getProperty("java.io.tmpdir"));
        // every setting checked before a folder is made; path is then the parent of the bus folders
        FileBusSettings checked = FileBusSettings.from(Settings.of(fresh));
        Path folder = FreshFolders.createIn(checked.path(), FileBusSettings.PATH);
        fresh.put(FileBusSettings.PATH, folder.toString());
        BusUnderTest bus = new BusUnderTest(provider, fresh, OffsetKind.INT)
                .withRawPublishing((category, text) -> FileBus.appendRaw(folder, category, text.getBytes(StandardCharsets.UTF_8)))
                .onClose(() -> FreshFolders.delete(folder));
        if (checked.writeBehind()) {
            bus.withDeliveryDelay(Duration.ofMillis(2 * checked.syncIntervalMs() + WRITE_BEHIND_SLACK_MS));
        }
        return checked.segmentBytes() == EXACT_RETENTION_SEGMENT_BYTES
                ? bus.withRetention(count -> FileBus.retainNewest(folder, count)) : bus;
    }

    @Override
    public String busName() {
        return provider.name();
    }
}
