package io.hermesbus.kafka;

import io.hermesbus.api.Event;
import io.hermesbus.api.InvalidEventException;
import io.hermesbus.api.Offset;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A Kafka record as a Hermes event: the value is the event's JSON in UTF-8; offset and timestamp are Kafka's. */
final class RecordDecoding {
    private RecordDecoding() {
    }

    /**
     * The event in {@code record}, with the record's offset and timestamp.
     *
     * @throws InvalidEventException at the record's offset if the value is absent, not UTF-8, or not a Hermes event
     */
    static Event decode(ConsumerRecord<byte[], byte[]> record) {
        Offset offset = Offset.of(record.offset());
        byte[] value = record.value();
        if (value == null) {
            throw new InvalidEventException("the record has no value (a Kafka tombstone) where a Hermes event's JSON "
                    + "should be").at(offset);
        }
        String json = new String(value, StandardCharsets.UTF_8);
        // invalid UTF-8 must be an error, never replacement characters in an event; the strict decoder is slower,
        // so it only looks again at the rare text holding one (Hermes' JSON escapes all non-ASCII text anyway)
        if (json.indexOf('\uFFFD') >= 0) {
            try {
                StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(value));
            } catch (CharacterCodingException e) {
                throw new InvalidEventException("the record's value is not UTF-8 text: " + e, e).at(offset);
            }
        }
        try {
            return Event.fromJson(json).at(offset, Instant.ofEpochMilli(record.timestamp()));
        } catch (InvalidEventException e) {
            throw e.at(offset);
        }
    }
}
