package io.hermesbus.file;

import io.hermesbus.api.HermesBusException;
import java.nio.file.Path;

/**
 * A file bus folder holds something that is not a valid log at a place where the log must be valid: a damaged
 * record with valid records after it, a damaged record in a segment that is not the last one, a record whose
 * offset is not the next one, or a {@code *.log} file that is not a segment (wrong name or header).
 *
 * <p>Nothing is skipped or deleted: a consumer that meets corruption throws this at every read, with its position
 * unchanged, and seeking past the damaged place does not help when the damage is in the middle of a segment; a
 * producer refuses to open (or to send) rather than cut valid records. The folder must be repaired by hand; the
 * file-bus README ("Recovery and corruption") says how. {@link #file()} and {@link #position()} say where.
 */
public class CorruptLogException extends HermesBusException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    /** The byte position in {@link #file} where the problem starts. */
    private final long position;

    /**
     * @param file the file that is damaged or foreign
     * @param position the byte position in it where the problem starts
     * @param found what was found there, and what was expected
     */
    public CorruptLogException(Path file, long position, String found) {
        super("file bus log damaged: " + file + " at byte " + position + ": " + found
                + ". Nothing at or after this point is read until the folder is repaired"
                + " (see the file-bus README, \"Recovery and corruption\")");
        this.file = file;
        this.position = position;
    }

    /**
     * The damaged or foreign file.
     *
     * @return the file's path; null once the exception was serialized (a path is not serializable)
     */
    public Path file() {
        return file;
    }

    /**
     * The byte position in {@link #file()} where the problem starts.
     *
     * @return the position in bytes from the start of the file, {@code >= 0}
     */
    public long position() {
        return position;
    }
}
