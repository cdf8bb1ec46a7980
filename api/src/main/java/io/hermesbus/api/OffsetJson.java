package io.hermesbus.api;

import java.math.BigInteger;

/** Offsets in a Hermes client's JSON cache: see {@link Offset#toJson()}. */
final class OffsetJson {
    private OffsetJson() {
    }

    static String write(Offset offset) {
        Object value;
        if (offset instanceof Offset.IntOffset i) {
            value = i.value();
        } else if (offset instanceof Offset.FloatOffset f) {
            // Python's text, which a cache Hermes wrote holds: 1795954055.3078136, not Java's 1.7959540553078136E9
            return PythonFloat.repr(f.value());
        } else if (offset instanceof Offset.StrOffset s) {
            value = s.value();
        } else {
            value = ((Offset.BytesOffset) offset).value();
        }
        StringBuilder out = new StringBuilder();
        HermesJson.write(value, out, 0);
        return out.toString();
    }

    static Offset read(String json) {
        Object value;
        try {
            value = HermesJson.decode(HermesJson.parse(json), "offset");
        } catch (InvalidEventException e) {
            throw new HermesBusException("cannot read an offset from " + json + ": " + e.getMessage()
                    + "; an offset is an int, a float, a str or HermesBytes(...)", e);
        }
        if (value instanceof Long l) {
            return Offset.of(l);
        }
        if (value instanceof Double d) {
            try {
                return Offset.of(d); // Python's json reads NaN, Infinity and 1e400 too, but they are no offset
            } catch (IllegalArgumentException e) {
                throw new HermesBusException("cannot read an offset from " + json + ": " + e.getMessage(), e);
            }
        }
        if (value instanceof String s) {
            return Offset.of(s);
        }
        if (value instanceof byte[] b) {
            return Offset.of(b);
        }
        String why = value instanceof BigInteger ? "an int offset must fit in 64 bits" : "an offset is an int, a float, a str or HermesBytes(...)";
        throw new HermesBusException("cannot read an offset from " + json + ": " + why);
    }
}
