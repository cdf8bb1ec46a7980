package io.hermesbus.python;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.api.WrongOffsetKindException;
import java.util.Base64;

/**
 * Offsets as they cross the bridge, tagged with their Python type so that each keeps it: {@code {"int": "12"}} (the
 * digits, of any size), {@code {"float": "1e+16"}} (Python's {@code repr}, which reads back to the same double),
 * {@code {"str": "..."}}, {@code {"bytes": "<base64>"}}.
 */
final class WireOffsets {
    private WireOffsets() {
    }

    static ObjectNode toWire(Offset offset) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        if (offset instanceof Offset.IntOffset i) {
            node.put("int", Long.toString(i.value()));
        } else if (offset instanceof Offset.FloatOffset f) {
            node.put("float", f.toString()); // Python's repr of the double
        } else if (offset instanceof Offset.StrOffset s) {
            node.put("str", s.value());
        } else {
            node.put("bytes", Base64.getEncoder().encodeToString(((Offset.BytesOffset) offset).value()));
        }
        return node;
    }

    /**
     * The offset the plugin gave, which must be of {@code expected} kind.
     *
     * @throws WrongOffsetKindException naming the {@code offset_kind} setting if it is of another kind
     * @throws PythonPluginException if it is no offset Java can hold (an int beyond 64 bits, a float NaN)
     */
    static Offset fromWire(JsonNode node, OffsetKind expected, String plugin) {
        Offset offset = read(node, plugin);
        if (offset.kind() != expected) {
            throw new WrongOffsetKindException(plugin + " gave offset " + offset + " of kind " + offset.kind()
                    + " but setting '" + PythonBusSettings.OFFSET_KIND + "' is " + expected + "; set it to " + offset.kind());
        }
        return offset;
    }

    private static Offset read(JsonNode node, String plugin) {
        try {
            if (node.has("int")) {
                return Offset.of(Long.parseLong(node.get("int").asText()));
            }
            if (node.has("float")) {
                return Offset.of(Double.parseDouble(node.get("float").asText()));
            }
            if (node.has("str")) {
                return Offset.of(node.get("str").asText());
            }
            return Offset.of(Base64.getDecoder().decode(node.get("bytes").asText()));
        } catch (IllegalArgumentException e) { // NumberFormatException too
            throw new PythonPluginException(plugin + " gave offset " + node + ", which no Java offset holds (" + e.getMessage()
                    + "): int offsets must fit in 64 bits, float offsets be finite", "hermes_bus_bridge.BridgeError",
                    "unusable offset " + node, "");
        }
    }
}
