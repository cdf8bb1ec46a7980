package io.hermesbus.api;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON text as Python's {@code json.loads} does (the strict default), into the Java values of {@link Event}:
 *
 * <ul>
 *   <li>{@code NaN}, {@code Infinity} and {@code -Infinity} are numbers ({@link Double});</li>
 *   <li>a number with a fraction or an exponent is a {@link Double}, correctly rounded, so that one beyond the
 *       range of a double is an infinity and one below it a zero, of its sign; any other is a whole number
 *       ({@link Long}, else {@link BigInteger}), refused beyond 4300 digits as Python refuses it by default;</li>
 *   <li>strings may hold any character but the control characters U+0000 to U+001F, which must be escaped;
 *       {@code \\uXXXX} escapes of surrogates give those surrogates, paired or not;</li>
 *   <li>in an object that repeats a key, the last value wins, at the place of the first;</li>
 *   <li>whitespace is space, tab, line feed and carriage return, as in RFC 8259 (a byte-order mark is not).</li>
 * </ul>
 *
 * <p>Lists and maps are unmodifiable. With {@code markers}, strings are read as {@link HermesMarkers#decode} says,
 * as Hermes' {@code from_json} does, below the top-level value and its own items: an event's {@code objattrs}
 * and {@code objpkey} list are decoded, its {@code evcategory}, {@code eventtype} and {@code objtype} (Java
 * Strings) and a string {@code objpkey} are left to the caller.
 *
 * <p>Objects and lists may be nested {@value #MAX_DEPTH} deep, where Python's own recursion limit stops it.
 * An error names where it is in the text (line, column, character) and in the value (the path of keys and indices).
 */
final class JsonReader {
    /** Python's default recursion limit: {@code json.loads} fails on text nested this deep. */
    static final int MAX_DEPTH = 1000;
    /** Python's default {@code sys.get_int_max_str_digits()}: longer whole numbers are refused by {@code int()}. */
    static final int MAX_INT_DIGITS = 4300;

    private final String text;
    private final boolean markers;
    private int pos;

    private JsonReader(String text, boolean markers) {
        this.text = text;
        this.markers = markers;
    }

    /**
     * The value of a whole JSON text.
     *
     * @param markers whether strings inside the top-level value's lists and objects are read as Hermes' markers
     * @throws SyntaxError naming the place and the path of the error
     */
    static Object read(String text, boolean markers) {
        JsonReader reader = new JsonReader(text, markers);
        reader.skipWhitespace();
        Object value = reader.value(0);
        reader.skipWhitespace();
        if (reader.pos < text.length()) {
            throw reader.error("extra data after the JSON value");
        }
        return value;
    }

    /** An error in the text: what was wrong, where in the text, and along which keys and indices. */
    static final class SyntaxError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final String problem;
        private final String where;
        private final StringBuilder path = new StringBuilder();

        SyntaxError(String problem, String where) {
            super(null, null, false, false);
            this.problem = problem;
            this.where = where;
        }

        /** Adds one step (".key" or "[3]") in front of the path, as the error leaves a nested value. */
        SyntaxError within(String step) {
            path.insert(0, step);
            return this;
        }

        /** The path of keys and indices from the top-level value to where the error is; empty at the top. */
        String path() {
            return path.length() > 0 && path.charAt(0) == '.' ? path.substring(1) : path.toString();
        }

        String problem() {
            return problem;
        }

        /** "line 3, column 12 (character 40)". */
        String where() {
            return where;
        }

        @Override
        public String getMessage() {
            return problem + " at " + where + (path.length() == 0 ? "" : ", in " + path());
        }
    }

    private SyntaxError error(String problem) {
        return error(problem, pos);
    }

    private SyntaxError error(String problem, int at) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new SyntaxError(problem, "line " + line + ", column " + (at - lineStart + 1) + " (character " + at + ")");
    }

    private String found() {
        if (pos >= text.length()) {
            return "the end of the text";
        }
        char c = text.charAt(pos);
        return c >= 0x20 && c < 0x7F ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    /** A value inside a list or an object: a string there is read as a marker when {@code markers} says so. */
    private Object member(int depth) {
        Object value = value(depth);
        return markers && depth > 1 && value instanceof String s ? HermesMarkers.decode(s) : value;
    }

    private Object value(int depth) {
        if (pos >= text.length()) {
            throw error("expected a value, found the end of the text");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object(depth + 1);
            case '[':
                return list(depth + 1);
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            case 'N':
                return literal("NaN", Double.NaN);
            case 'I':
                return literal("Infinity", Double.POSITIVE_INFINITY);
            default:
                if (c == '-' && text.startsWith("-Infinity", pos)) {
                    pos += "-Infinity".length();
                    return Double.NEGATIVE_INFINITY;
                }
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("expected a value (an object, a list, a string, a number, true, false, null, NaN or"
                        + " Infinity), found " + found());
        }
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("expected a value, found " + found());
        }
        pos += word.length();
        return value;
    }

    private Map<String, Object> object(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("objects and lists nested more than " + MAX_DEPTH + " deep: Python's json stops at its"
                    + " recursion limit");
        }
        pos++; // '{'
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (pos < text.length() && text.charAt(pos) == '}') {
            pos++;
            return Collections.unmodifiableMap(map);
        }
        while (true) {
            if (pos >= text.length() || text.charAt(pos) != '"') {
                throw error("expected a key in double quotes, found " + found());
            }
            String key = string();
            skipWhitespace();
            if (pos >= text.length() || text.charAt(pos) != ':') {
                throw error("expected ':' after the key, found " + found()).within(keyStep(key));
            }
            pos++;
            skipWhitespace();
            Object value;
            try {
                value = member(depth);
            } catch (SyntaxError e) {
                throw e.within(keyStep(key));
            }
            map.put(key, value); // a repeated key keeps its first place and takes the last value, as in a dict
            skipWhitespace();
            if (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == ',') {
                    skipWhitespace();
                    continue;
                }
                if (c == '}') {
                    return Collections.unmodifiableMap(map);
                }
                pos--;
            }
            throw error("expected ',' or '}' after the value, found " + found()).within(keyStep(key));
        }
    }

    private static String keyStep(String key) {
        return "." + key;
    }

    private List<Object> list(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("objects and lists nested more than " + MAX_DEPTH + " deep: Python's json stops at its"
                    + " recursion limit");
        }
        pos++; // '['
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (pos < text.length() && text.charAt(pos) == ']') {
            pos++;
            return Collections.unmodifiableList(list);
        }
        while (true) {
            Object value;
            try {
                value = member(depth);
            } catch (SyntaxError e) {
                throw e.within("[" + list.size() + "]");
            }
            list.add(value);
            skipWhitespace();
            if (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == ',') {
                    skipWhitespace();
                    continue;
                }
                if (c == ']') {
                    return Collections.unmodifiableList(list);
                }
                pos--;
            }
            throw error("expected ',' or ']' after the value, found " + found()).within("[" + (list.size() - 1) + "]");
        }
    }

    private String string() {
        int start = ++pos; // after '"'
        int length = text.length();
        // the common case: no escape, so the text is a substring
        while (pos < length) {
            char c = text.charAt(pos);
            if (c == '"') {
                return text.substring(start, pos++);
            }
            if (c == '\\') {
                break;
            }
            if (c < 0x20) {
                throw error(controlCharacter(c));
            }
            pos++;
        }
        StringBuilder out = new StringBuilder(pos - start + 16).append(text, start, pos);
        while (pos < length) {
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return out.toString();
            }
            if (c < 0x20) {
                throw error(controlCharacter(c));
            }
            if (c != '\\') {
                out.append(c);
                pos++;
                continue;
            }
            if (pos + 1 >= length) {
                break;
            }
            char escaped = text.charAt(pos + 1);
            switch (escaped) {
                case '"', '\\', '/' -> out.append(escaped);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append(hex4(pos + 2));
                    pos += 4;
                }
                default -> throw error("invalid escape '\\" + escaped + "': JSON has \\\" \\\\ \\/ \\b \\f \\n \\r \\t"
                        + " and \\uXXXX");
            }
            pos += 2;
        }
        throw error("unterminated string: no closing '\"' after the one", start - 1);
    }

    private static String controlCharacter(char c) {
        return String.format("control character U+%04X in a string: it must be written as an escape (\\u%04x)", (int) c, (int) c);
    }

    private char hex4(int at) {
        if (at + 4 > text.length()) {
            throw error("invalid \\uXXXX escape: four hexadecimal digits must follow \\u", at - 2);
        }
        int value = 0;
        for (int i = at; i < at + 4; i++) {
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0 || text.charAt(i) >= 0x80) {
                throw error("invalid \\uXXXX escape: four hexadecimal digits must follow \\u", at - 2);
            }
            value = value << 4 | digit;
        }
        return (char) value;
    }

    /** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?}, Python's JSON number. */
    private Object number() {
        int start = pos;
        int length = text.length();
        if (text.charAt(pos) == '-') {
            pos++;
        }
        int digitsStart = pos;
        if (pos < length && text.charAt(pos) == '0') {
            pos++;
        } else {
            while (pos < length && isDigit(text.charAt(pos))) {
                pos++;
            }
        }
        if (pos == digitsStart) {
            throw error("expected a value, found " + (pos > start ? "'-' without digits" : found()), start);
        }
        int integerEnd = pos;
        boolean isFloat = false;
        if (pos + 1 < length && text.charAt(pos) == '.' && isDigit(text.charAt(pos + 1))) {
            pos += 2;
            while (pos < length && isDigit(text.charAt(pos))) {
                pos++;
            }
            isFloat = true;
        }
        if (pos < length && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int exponent = pos + 1;
            if (exponent < length && (text.charAt(exponent) == '+' || text.charAt(exponent) == '-')) {
                exponent++;
            }
            if (exponent < length && isDigit(text.charAt(exponent))) {
                pos = exponent;
                while (pos < length && isDigit(text.charAt(pos))) {
                    pos++;
                }
                isFloat = true;
            }
            // else: the number ends before the 'e', which is then extra text, as in Python
        }
        if (isFloat) {
            return Double.parseDouble(text.substring(start, pos)); // correctly rounded, as Python's float()
        }
        int digits = integerEnd - digitsStart;
        if (digits <= 18) {
            long value = 0;
            for (int i = digitsStart; i < integerEnd; i++) {
                value = value * 10 + (text.charAt(i) - '0');
            }
            return digitsStart > start ? -value : value;
        }
        if (digits > MAX_INT_DIGITS) {
            throw error("a whole number of " + digits + " digits: Python reads at most " + MAX_INT_DIGITS
                    + " (its int max str digits limit), so Hermes cannot read this event", start);
        }
        BigInteger big = new BigInteger(text.substring(start, integerEnd));
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
