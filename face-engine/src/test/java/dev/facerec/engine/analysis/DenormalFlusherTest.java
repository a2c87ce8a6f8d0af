package dev.facerec.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DenormalFlusherTest {

    /** A protobuf length-delimited field. */
    private static byte[] field(int number, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(number << 3 | 2);
        writeVarint(out, payload.length);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static byte[] varintField(int number, int value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(number << 3);
        writeVarint(out, value);
        return out.toByteArray();
    }

    private static void writeVarint(ByteArrayOutputStream out, int value) {
        while ((value & ~0x7f) != 0) {
            out.write(value & 0x7f | 0x80);
            value >>>= 7;
        }
        out.write(value);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] floats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    /** ModelProto { ir_version: 6, graph { initializer { dims: 4, data_type, raw_data } ... } }. */
    private static byte[] model(byte[]... tensors) {
        byte[][] initializers = new byte[tensors.length][];
        for (int i = 0; i < tensors.length; i++) {
            initializers[i] = field(5, tensors[i]);
        }
        return concat(varintField(1, 6), field(7, concat(initializers)));
    }

    private static byte[] tensor(int dataType, byte[] raw) {
        return concat(
                varintField(1, raw.length / 4), varintField(2, dataType), field(8, "w".getBytes()), field(9, raw));
    }

    @Test
    void flush_shouldZeroNegligibleFloatWeights_whenInRawData() {
        // GIVEN a float initializer holding a denormal, a tiny normal, and ordinary weights
        float denormal = Float.intBitsToFloat(5);
        byte[] weights = floats(0.5f, denormal, -3e-25f, -2f);
        byte[] model = model(tensor(1, weights));

        // WHEN
        int flushed = DenormalFlusher.flush(model);

        // THEN the two negligible values are zero, the others untouched, and a second pass finds nothing
        assertThat(flushed).isEqualTo(2);
        assertThat(model).isEqualTo(model(tensor(1, floats(0.5f, 0f, 0f, -2f))));
        assertThat(DenormalFlusher.flush(model)).isZero();
    }

    @Test
    void flush_shouldLeaveOtherTypes_whenTensorIsNotFloat() {
        // GIVEN an INT32 initializer (data type 6) whose bits would read as a denormal float
        byte[] ints = ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(5)
                .putInt(7)
                .array();
        byte[] model = model(tensor(6, ints));
        byte[] before = model.clone();

        // WHEN
        int flushed = DenormalFlusher.flush(model);

        // THEN
        assertThat(flushed).isZero();
        assertThat(model).isEqualTo(before);
    }

    @Test
    @DisplayName("fails if a field runs past the end of the model")
    void flush_failsIfTruncated() {
        byte[] model = model(tensor(1, floats(1f, 2f)));
        byte[] truncated = java.util.Arrays.copyOf(model, model.length - 3);

        assertThatThrownBy(() -> DenormalFlusher.flush(truncated))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("malformed ONNX model");
    }
}
