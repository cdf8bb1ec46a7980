package io.hermesbus.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes offsets' JSON form ({@link Offset#toJson()}, {@link Offset#fromJson(String)}, as in a Hermes client's cache).
 * Reading any text gives a {@link HermesBusException} or an offset that writes JSON reading back to an equal offset;
 * every offset, of each kind, reads back equal from its JSON. Never another exception.
 */
class OffsetJsonFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void fromJson(byte[] input) {
        Offset offset;
        try {
            offset = Offset.fromJson(new String(input, StandardCharsets.UTF_8));
        } catch (HermesBusException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(Offset.fromJson(offset.toJson())).isEqualTo(offset);
    }

    @FuzzTest(maxDuration = "10m")
    void toJson(FuzzedDataProvider data) {
        Offset offset = switch (data.consumeInt(0, 3)) {
            case 0 -> Offset.of(data.consumeLong());
            case 1 -> {
                double value = data.consumeRegularDouble();
                yield Offset.of(value);
            }
            case 2 -> Offset.of(data.consumeRemainingAsString());
            default -> Offset.of(data.consumeRemainingAsBytes());
        };
        String json = offset.toJson();
        Offset read = Offset.fromJson(json);
        assertThat(read).isEqualTo(offset);
        assertThat(read.toJson()).isEqualTo(json);
        assertThat(read.toString()).isEqualTo(offset.toString());
    }
}
