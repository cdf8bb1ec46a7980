package io.hermesbus.api;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * Hermes' two markers, {@code HermesBytes(<base64>)} and {@code HermesDatetime(YYYY-MM-DDTHH:MM:SSZ)}, exactly as
 * Hermes 1.0.9 decodes them when it reads an event: a string becomes bytes or a datetime only when its whole text
 * has the marker's form and what is inside decodes; any other string, however much it looks like a marker, stays
 * the string it is. Nothing here throws.
 *
 * <ul>
 *   <li>A datetime: exactly {@code HermesDatetime(} + four digits {@code -} two {@code -} two {@code T} two
 *       {@code :} two {@code :} two {@code Z)}, ASCII digits, forming a real date and time of Python's
 *       {@code datetime}: year 1 to 9999, the month's days (29 February in leap years only), hours to 23, minutes
 *       and seconds to 59 (no leap second). Hermes reads it as a naive datetime; here it is the {@link Instant} of
 *       that wall time in UTC, at whole seconds.</li>
 *   <li>Bytes: {@code HermesBytes(} + text without {@code )} + {@code )}, where the text is ASCII and Python's
 *       {@code base64.b64decode} accepts it. That decoder is lenient (it is not given {@code validate=True}): it
 *       skips characters outside the base64 alphabet, ignores {@code =} that cannot be padding yet, stops at the
 *       first complete padding, and fails only when the data characters it kept end part-way through a group of
 *       four. So {@code HermesBytes(A A==)} is one zero byte, and {@code HermesBytes(hello world)} stays text.</li>
 * </ul>
 */
final class HermesMarkers {
    static final String BYTES_PREFIX = "HermesBytes(";
    static final String DATETIME_PREFIX = "HermesDatetime(";
    /** {@code HermesDatetime(YYYY-MM-DDTHH:MM:SSZ)}: the only length a datetime marker has. */
    private static final int DATETIME_LENGTH = DATETIME_PREFIX.length() + "YYYY-MM-DDTHH:MM:SSZ)".length();
    /** Each ASCII character's value in the base64 alphabet, or -1 for characters that are skipped. */
    private static final byte[] BASE64 = new byte[128];

    static {
        Arrays.fill(BASE64, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            BASE64[alphabet.charAt(i)] = (byte) i;
        }
    }

    private HermesMarkers() {
    }

    /** What Hermes reads {@code text} as: a {@code byte[]}, an {@link Instant}, or {@code text} itself. */
    static Object decode(String text) {
        // both markers start with "Hermes" and end with ')': one comparison rules out almost every other string
        int length = text.length();
        if (length < BYTES_PREFIX.length() + 1 || text.charAt(length - 1) != ')' || !text.startsWith("Hermes")) {
            return text;
        }
        if (length == DATETIME_LENGTH && text.startsWith(DATETIME_PREFIX)) {
            Instant instant = datetime(text);
            return instant == null ? text : instant;
        }
        if (text.startsWith(BYTES_PREFIX)) {
            byte[] bytes = bytes(text, BYTES_PREFIX.length(), length - 1);
            return bytes == null ? text : bytes;
        }
        return text;
    }

    /** Whether Hermes would read {@code text} as something other than this text: bytes or a datetime. */
    static boolean decodes(String text) {
        return decode(text) != text;
    }

    /** What {@code text} of a datetime marker's length and prefix means, or null when Hermes keeps it as text. */
    private static Instant datetime(String text) {
        int p = DATETIME_PREFIX.length();
        if (text.charAt(p + 4) != '-' || text.charAt(p + 7) != '-' || text.charAt(p + 10) != 'T'
                || text.charAt(p + 13) != ':' || text.charAt(p + 16) != ':' || text.charAt(p + 19) != 'Z') {
            return null;
        }
        int year = digits(text, p, 4);
        int month = digits(text, p + 5, 2);
        int day = digits(text, p + 8, 2);
        int hour = digits(text, p + 11, 2);
        int minute = digits(text, p + 14, 2);
        int second = digits(text, p + 17, 2);
        if (year < 1 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null; // -1 (not ASCII digits) lands here too
        }
        try {
            LocalDate date = LocalDate.of(year, month, day); // refuses 30 February, 29 February of common years
            return date.atTime(hour, minute, second).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The value of {@code count} ASCII digits at {@code start}, or -1 if any of them is something else. */
    private static int digits(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * The bytes that Python's lenient {@code base64.b64decode} gives for {@code text[start, end)}, or null where
     * Hermes keeps the text: a {@code )} or a character outside ASCII in it, or data that ends part-way through a
     * group of four.
     */
    static byte[] bytes(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c >= 128 || c == ')') {
                return null; // Hermes' pattern allows no ')' inside; its ASCII encoding refuses the rest
            }
        }
        byte[] out = new byte[(end - start) * 3 / 4 + 3];
        int length = 0;
        int quadPosition = 0; // how many characters of the current group of four have been read
        int leftover = 0; // the bits of the current group not yet written
        int pads = 0; // '=' seen since the last data character, counted from the third character of a group on
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '=') {
                if (quadPosition >= 2 && quadPosition + ++pads >= 4) {
                    return Arrays.copyOf(out, length); // complete padding: the rest is not read
                }
                continue; // '=' too early to be padding is skipped
            }
            int value = BASE64[c];
            if (value < 0) {
                continue; // not in the alphabet: skipped
            }
            pads = 0;
            switch (quadPosition) {
                case 0 -> {
                    leftover = value;
                    quadPosition = 1;
                }
                case 1 -> {
                    out[length++] = (byte) (leftover << 2 | value >> 4);
                    leftover = value & 0x0F;
                    quadPosition = 2;
                }
                case 2 -> {
                    out[length++] = (byte) (leftover << 4 | value >> 2);
                    leftover = value & 0x03;
                    quadPosition = 3;
                }
                default -> {
                    out[length++] = (byte) (leftover << 6 | value);
                    quadPosition = 0;
                }
            }
        }
        return quadPosition == 0 ? Arrays.copyOf(out, length) : null;
    }
}
