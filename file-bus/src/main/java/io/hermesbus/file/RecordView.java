package io.hermesbus.file;

import io.hermesbus.api.InvalidEventException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The record a {@link SegmentReader} read last: its numbers, and where its category and JSON lie in the reader's
 * buffer. Reused for every record, so that reading allocates nothing; valid until the reader reads again.
 */
final class RecordView {
    long position;
    int wholeBytes;
    long offset;
    long timestampMs;
    byte[] bytes;
    int categoryStart;
    int categoryLength;
    int jsonStart;
    int jsonLength;

    /** The byte position just after this record: where the next one starts. */
    long end() {
        return position + wholeBytes;
    }

    /** Whether the category is exactly {@code wanted} (UTF-8), compared byte by byte without decoding. */
    boolean categoryIs(byte[] wanted) {
        return Arrays.equals(bytes, categoryStart, categoryStart + categoryLength, wanted, 0, wanted.length);
    }

    String category() {
        return new String(bytes, categoryStart, categoryLength, StandardCharsets.UTF_8);
    }

    /**
     * The JSON text.
     *
     * @throws InvalidEventException if the bytes are not valid UTF-8
     */
    String json() {
        String text = new String(bytes, jsonStart, jsonLength, StandardCharsets.UTF_8);
        // the fast decoder replaces bad bytes with U+FFFD; only then pay for a strict check, which is rare since
        // Event.toJson() writes ASCII only
        if (text.indexOf('\uFFFD') >= 0) {
            try {
                StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, jsonStart, jsonLength));
            } catch (CharacterCodingException e) {
                throw new InvalidEventException("the event's JSON is not valid UTF-8", e);
            }
        }
        return text;
    }
}
