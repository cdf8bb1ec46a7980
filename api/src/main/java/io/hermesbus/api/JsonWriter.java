package io.hermesbus.api;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Writes values as Python's {@code json.dumps(value, indent=4)} with Hermes' encoder prints them, straight into a
 * byte buffer: the text is ASCII (Python's default {@code ensure_ascii} escapes everything else), so its bytes are
 * its UTF-8 and its Latin-1 alike.
 *
 * <ul>
 *   <li>containers: {@code [} or <code>{</code>, each item on its own line indented by 4 spaces a level, items
 *       separated by {@code ,} (no trailing space), keys by {@code ": "}; empty ones as {@code []} and
 *       <code>{}</code>;</li>
 *   <li>strings: {@code \"} {@code \\} {@code \n} {@code \r} {@code \t} {@code \b} {@code \f}, every other
 *       character outside space to {@code ~} as {@code \\uXXXX} in lowercase hex, characters beyond U+FFFF as their
 *       two surrogates, lone surrogates as themselves;</li>
 *   <li>numbers: whole numbers in decimal, floats as Python's {@code repr} ({@link PythonFloat#repr}:
 *       {@code NaN}, {@code Infinity}, {@code -Infinity} included);</li>
 *   <li>Hermes' encoder: {@code byte[]} as {@code "HermesBytes(<base64>)"}, {@link Instant} as
 *       {@code "HermesDatetime(YYYY-MM-DDTHH:MM:SSZ)"}.</li>
 * </ul>
 *
 * <p>It takes values as {@link HermesJson#normalize} leaves them and checks nothing itself.
 */
final class JsonWriter {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = bytes("null");
    private static final byte[] TRUE = bytes("true");
    private static final byte[] FALSE = bytes("false");
    private static final byte[] BYTES_PREFIX = bytes("\"" + HermesMarkers.BYTES_PREFIX);
    private static final byte[] DATETIME_PREFIX = bytes("\"" + HermesMarkers.DATETIME_PREFIX);
    private static final byte[] KEY_SEPARATOR = bytes(": ");

    private byte[] buf;
    private int len;

    JsonWriter(int capacity) {
        buf = new byte[capacity];
    }

    private static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }

    /** The text written so far. */
    String text() {
        return new String(buf, 0, len, StandardCharsets.ISO_8859_1);
    }

    /** The bytes written so far: the text's UTF-8. */
    byte[] bytes() {
        return Arrays.copyOf(buf, len);
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }

    private void raw(byte[] ascii) {
        ensure(ascii.length);
        System.arraycopy(ascii, 0, buf, len, ascii.length);
        len += ascii.length;
    }

    private void ascii(String ascii) {
        int n = ascii.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) ascii.charAt(i);
        }
    }

    void raw(char c) {
        ensure(1);
        buf[len++] = (byte) c;
    }

    /** A line break and the indent of {@code depth} levels. */
    void newline(int depth) {
        int spaces = 4 * depth;
        ensure(spaces + 1);
        buf[len++] = '\n';
        Arrays.fill(buf, len, len + spaces, (byte) ' ');
        len += spaces;
    }

    /** The start of an object member on its own line: indent, key, {@code ": "}. */
    void key(String key, int depth, boolean first) {
        if (!first) {
            raw(',');
        }
        newline(depth);
        string(key);
        raw(KEY_SEPARATOR);
    }

    /** One value at nesting {@code depth} (the level its own items would be indented one deeper than). */
    void value(Object value, int depth) {
        if (value == null) {
            raw(NULL);
        } else if (value instanceof String s) {
            string(s);
        } else if (value instanceof Map<?, ?> map) {
            map(map, depth);
        } else if (value instanceof List<?> list) {
            list(list, depth);
        } else if (value instanceof Long l) {
            number(l);
        } else if (value instanceof Boolean b) {
            raw(b ? TRUE : FALSE);
        } else if (value instanceof Double d) {
            ascii(PythonFloat.repr(d));
        } else if (value instanceof byte[] bytes) {
            raw(BYTES_PREFIX);
            raw(Base64.getEncoder().encode(bytes));
            raw(')');
            raw('"');
        } else if (value instanceof Instant instant) {
            datetime(instant);
        } else if (value instanceof BigInteger big) {
            ascii(big.toString());
        } else {
            throw new IllegalArgumentException("not a normalized value: " + value.getClass().getName());
        }
    }

    private void map(Map<?, ?> map, int depth) {
        if (map.isEmpty()) {
            raw('{');
            raw('}');
            return;
        }
        raw('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            key((String) entry.getKey(), depth + 1, first);
            value(entry.getValue(), depth + 1);
            first = false;
        }
        newline(depth);
        raw('}');
    }

    private void list(List<?> list, int depth) {
        if (list.isEmpty()) {
            raw('[');
            raw(']');
            return;
        }
        raw('[');
        for (int i = 0, n = list.size(); i < n; i++) {
            if (i > 0) {
                raw(',');
            }
            newline(depth + 1);
            value(list.get(i), depth + 1);
        }
        newline(depth);
        raw(']');
    }

    void number(long value) {
        if (value == Long.MIN_VALUE) {
            ascii(Long.toString(value));
            return;
        }
        ensure(20);
        if (value < 0) {
            buf[len++] = '-';
            value = -value;
        }
        int digits = 1;
        for (long rest = value / 10; rest != 0; rest /= 10) {
            digits++;
        }
        int end = len + digits;
        for (int i = end - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        len = end;
    }

    /** {@code "HermesDatetime(YYYY-MM-DDTHH:MM:SSZ)"}, the wall time of {@code instant} in UTC (years 1 to 9999). */
    private void datetime(Instant instant) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        raw(DATETIME_PREFIX);
        ensure(22);
        digits(time.getYear(), 4);
        buf[len++] = '-';
        digits(time.getMonthValue(), 2);
        buf[len++] = '-';
        digits(time.getDayOfMonth(), 2);
        buf[len++] = 'T';
        digits(time.getHour(), 2);
        buf[len++] = ':';
        digits(time.getMinute(), 2);
        buf[len++] = ':';
        digits(time.getSecond(), 2);
        buf[len++] = 'Z';
        buf[len++] = ')';
        buf[len++] = '"';
    }

    private void digits(int value, int count) {
        for (int i = len + count - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        len += count;
    }

    /** A string as Python's {@code json.dumps} writes it with {@code ensure_ascii}. */
    void string(String s) {
        int n = s.length();
        ensure(n * 6 + 2);
        byte[] b = buf;
        int at = len;
        b[at++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= ' ' && c <= '~' && c != '"' && c != '\\') {
                b[at++] = (byte) c;
                continue;
            }
            b[at++] = '\\';
            switch (c) {
                case '"' -> b[at++] = '"';
                case '\\' -> b[at++] = '\\';
                case '\n' -> b[at++] = 'n';
                case '\r' -> b[at++] = 'r';
                case '\t' -> b[at++] = 't';
                case '\b' -> b[at++] = 'b';
                case '\f' -> b[at++] = 'f';
                default -> {
                    b[at++] = 'u';
                    b[at++] = HEX[c >> 12];
                    b[at++] = HEX[(c >> 8) & 0xF];
                    b[at++] = HEX[(c >> 4) & 0xF];
                    b[at++] = HEX[c & 0xF];
                }
            }
        }
        b[at++] = '"';
        len = at;
    }
}
