package io.hermesbus.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hermesbus.testing.Python;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Java reads as the real Python reads, on many random inputs: Python's lenient base64 (Hermes' bytes), Python's
 * {@code datetime} (Hermes' datetimes), Python's json numbers and strings. Each test prints its seed; run again
 * with {@code -Dhermesbus.seed=<seed>} to replay it.
 */
class PythonAgreesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CASES = 20_000;
    private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private long seed;
    private Random random;

    @BeforeEach
    void seed(TestInfo test) {
        seed = Long.getLong("hermesbus.seed", System.nanoTime());
        random = new Random(seed);
        System.out.println(test.getDisplayName() + ": seed " + seed + " (replay with -Dhermesbus.seed=" + seed + ")");
    }

    /** Runs {@code script} on the inputs and checks each output line against Java's answer for that input. */
    private void assertAgree(String what, List<String> inputs, String script, Function<String, String> java) {
        List<String> python = Python.run(script, inputs);
        assertThat(python).as("one answer per input").hasSize(inputs.size());
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < inputs.size() && disagreements.size() < 10; i++) {
            String mine = java.apply(inputs.get(i));
            if (!mine.equals(python.get(i))) {
                disagreements.add(Python.jsonLine(inputs.get(i)) + ": Python " + python.get(i) + ", Java " + mine);
            }
        }
        assertThat(disagreements).as("%s where Java and Python disagree (seed %d)", what, seed).isEmpty();
    }

    private String pick(String characters) {
        return String.valueOf(characters.charAt(random.nextInt(characters.length())));
    }

    @Test
    void hermesBytesDecodeAsPythonsB64decode() {
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            StringBuilder inside = new StringBuilder();
            int length = random.nextInt(17);
            for (int j = 0; j < length; j++) {
                int kind = random.nextInt(10);
                inside.append(kind < 6 ? pick(BASE64) : kind < 9 ? "=" : pick(" \n\t!*-_.@"));
            }
            inputs.add(inside.toString());
        }
        String script = """
                import sys, json, base64
                for line in sys.stdin:
                    try:
                        print(json.dumps(base64.b64encode(base64.b64decode(json.loads(line).encode("ascii"))).decode()))
                    except Exception:
                        print("null")
                """;

        assertAgree("base64", inputs, script, inside -> {
            Object read = HermesMarkers.decode("HermesBytes(" + inside + ")");
            return read instanceof byte[] bytes ? "\"" + Base64.getEncoder().encodeToString(bytes) + "\"" : "null";
        });
    }

    @Test
    void hermesDatetimesDecodeAsPythonsDatetime() {
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            String year = switch (random.nextInt(6)) {
                case 0 -> "0000";
                case 1 -> "0001";
                case 2 -> "9999";
                case 3 -> random.nextBoolean() ? "1900" : "2000";
                default -> String.format("%04d", random.nextInt(10000));
            };
            String text = String.format("HermesDatetime(%s-%02d-%02dT%02d:%02d:%02dZ)", year, random.nextInt(14),
                    random.nextInt(33), random.nextInt(26), random.nextInt(62), random.nextInt(62));
            if (random.nextInt(8) == 0) {
                int at = random.nextInt(text.length());
                text = text.substring(0, at) + pick("0123456789-T:Z ()x\u0662\uff11") + text.substring(at + 1);
            }
            inputs.add(text);
        }
        // the rule as stated in the README: the whole text, ASCII digits or not (\\d), then Python's own datetime
        String script = """
                import sys, json, re, datetime
                for line in sys.stdin:
                    s = json.loads(line)
                    inner = s[15:-2]
                    out = None
                    if s.startswith("HermesDatetime(") and s.endswith("Z)") and re.fullmatch(r"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d", inner):
                        try:
                            out = datetime.datetime.fromisoformat(inner).isoformat()
                        except ValueError:
                            pass
                    print(json.dumps(out))
                """;

        assertAgree("datetimes", inputs, script, text -> {
            Object read = HermesMarkers.decode(text);
            return read instanceof Instant instant ? "\"" + ISO.format(instant) + "\"" : "null";
        });
    }

    @Test
    void numbersReadAsPythonsJsonReadsThem() {
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            StringBuilder number = new StringBuilder(random.nextBoolean() ? "-" : "");
            int digits = 1 + random.nextInt(random.nextBoolean() ? 20 : 45);
            number.append(random.nextInt(4) == 0 ? "0" : String.valueOf(1 + random.nextInt(9)));
            if (number.charAt(number.length() - 1) != '0') {
                for (int j = 1; j < digits; j++) {
                    number.append(random.nextInt(10));
                }
            }
            if (random.nextBoolean()) {
                number.append('.');
                for (int j = random.nextInt(30); j >= 0; j--) {
                    number.append(random.nextInt(10));
                }
            }
            if (random.nextBoolean()) {
                number.append(pick("eE")).append(pick("+-\u0000").replace("\u0000", "")).append(random.nextInt(random.nextBoolean() ? 400 : 20));
            }
            inputs.add(number.toString());
        }
        String script = """
                import sys, json, struct
                for line in sys.stdin:
                    v = json.loads(json.loads(line))
                    if isinstance(v, float):
                        print(json.dumps(["float", struct.unpack("<q", struct.pack("<d", v))[0]]))
                    else:
                        print(json.dumps(["int", str(v)]))
                """;

        assertAgree("numbers", inputs, script, text -> {
            Object read = JsonReader.read(text, false);
            return read instanceof Double d ? "[\"float\", " + Double.doubleToRawLongBits(d) + "]"
                    : "[\"int\", \"" + (read instanceof BigInteger big ? big : read) + "\"]";
        });
    }

    @Test
    void stringsReadAsPythonsJsonReadsThem() {
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            StringBuilder literal = new StringBuilder("\"");
            int length = random.nextInt(12);
            for (int j = 0; j < length; j++) {
                switch (random.nextInt(12)) {
                    case 0 -> literal.append(String.format("\\u%04x", 0xD800 + random.nextInt(0x800))); // a surrogate
                    case 1 -> literal.append(String.format("\\u%04X", random.nextInt(0x10000)));
                    case 2 -> literal.append('\\').append(pick("\"\\/bfnrt"));
                    case 3 -> literal.append((char) (0xD800 + random.nextInt(0x800))); // a raw lone surrogate
                    case 4 -> literal.appendCodePoint(0x10000 + random.nextInt(0x100000));
                    case 5 -> literal.append((char) (0x80 + random.nextInt(0xD800 - 0x80)));
                    case 6 -> literal.append(random.nextInt(40) == 0 ? pick("\u0000\u001f\t\n") : "\\" + pick("xuU'a0"));
                    default -> literal.append((char) (0x20 + random.nextInt(0x5F)));
                }
            }
            inputs.add(random.nextInt(50) == 0 ? literal.toString() : literal.append('"').toString());
        }
        String script = """
                import sys, json
                for line in sys.stdin:
                    try:
                        print(json.dumps(json.loads(json.loads(line))))
                    except ValueError:
                        print("error")
                """;

        List<String> python = Python.run(script, inputs);
        assertThat(python).hasSize(inputs.size());
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < inputs.size() && disagreements.size() < 10; i++) {
            String mine;
            try {
                mine = (String) JsonReader.read(inputs.get(i), false);
            } catch (JsonReader.SyntaxError e) {
                mine = null;
            }
            String theirs = python.get(i).equals("error") ? null : textOf(python.get(i));
            if (mine == null ? theirs != null : !mine.equals(theirs)) {
                disagreements.add(Python.jsonLine(inputs.get(i)) + ": Python " + python.get(i) + ", Java "
                        + (mine == null ? "error" : Python.jsonLine(mine)));
            }
        }
        assertThat(disagreements).as("strings where Java and Python disagree (seed %d)", seed).isEmpty();
    }

    /**
     * Python's {@code json.dumps(json.loads(text), indent=4)} gives back the very text {@code toJson()} wrote, for
     * events of random floats (any bit pattern: subnormals, NaN, infinities), whole numbers, text of any UTF-16
     * (lone surrogates included), nested lists and maps. Hermes' markers are text to plain Python: this checks the
     * layout, the escapes and the numbers.
     */
    @Test
    void toJsonWritesWhatPythonsJsonDumpsWrites() {
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < CASES / 4; i++) {
            Map<String, Object> attrs = new java.util.LinkedHashMap<>();
            for (int j = random.nextInt(6); j > 0; j--) {
                attrs.put(text(), value(3));
            }
            inputs.add(new Event(text(), text(), random.nextBoolean() ? null : text(), value(1), attrs,
                    random.nextInt(), random.nextBoolean()).toJson());
        }
        String script = """
                import sys, json
                for line in sys.stdin:
                    text = json.loads(line)
                    again = json.dumps(json.loads(text), indent=4)
                    print("same" if again == text else json.dumps(again))
                """;

        assertAgree("toJson", inputs, script, text -> "same");
    }

    private Object value(int depth) {
        return switch (random.nextInt(depth > 0 ? 9 : 7)) {
            case 0 -> Double.longBitsToDouble(random.nextLong());
            case 1 -> random.nextInt(3) == 0 ? (double) random.nextInt(1_000_000) / (1 + random.nextInt(1000))
                    : Math.scalb(random.nextDouble(), random.nextInt(2100) - 1075);
            case 2 -> random.nextLong() >> random.nextInt(64);
            case 3 -> new BigInteger(1 + random.nextInt(300), random).negate();
            case 4 -> text();
            case 5 -> random.nextBoolean();
            case 6 -> null;
            case 7 -> {
                List<Object> list = new ArrayList<>();
                for (int j = random.nextInt(4); j > 0; j--) {
                    list.add(value(depth - 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> map = new java.util.LinkedHashMap<>();
                for (int j = random.nextInt(4); j > 0; j--) {
                    map.put(text(), value(depth - 1));
                }
                yield map;
            }
        };
    }

    /** Text of any UTF-16 code units, mostly printable ASCII; never a Hermes marker. */
    private String text() {
        StringBuilder text = new StringBuilder();
        for (int j = random.nextInt(10); j > 0; j--) {
            int kind = random.nextInt(10);
            text.append(kind < 6 ? (char) (0x20 + random.nextInt(0x5F)) : kind < 8 ? (char) random.nextInt(0x80)
                    : (char) random.nextInt(0x10000));
        }
        return text.toString();
    }

    private static String textOf(String jsonString) {
        try {
            JsonNode node = JSON.readTree(jsonString);
            return node.textValue();
        } catch (Exception e) {
            throw new IllegalStateException(jsonString, e);
        }
    }
}
