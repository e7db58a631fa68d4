package org.bioinstruct.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsTensorsExactly() throws IOException {
        Map<String, FloatTensor> tensors = Map.of(
                "b.weight", FloatTensor.normal(new SplittableRandom(1), 1.0, 3, 5),
                "a.bias", new FloatTensor(new long[] {2}, new float[] {Float.MIN_VALUE, -0f}),
                "scalar.like", new FloatTensor(new long[] {1, 1}, new float[] {42.5f}));
        Path file = dir.resolve("t.safetensors");
        SafeTensors.write(file, tensors);

        assertEquals(tensors, SafeTensors.read(file));
    }

    @Test
    void writesTheStandardLayout() throws IOException {
        Path file = dir.resolve("t.safetensors");
        SafeTensors.write(file, Map.of("w", new FloatTensor(new long[] {2}, new float[] {1f, -2f})));
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);

        long headerLength = bytes.getLong();
        assertEquals(0, headerLength % 8, "header padded to 8 bytes");
        byte[] header = new byte[(int) headerLength];
        bytes.get(header);
        String json = new String(header, StandardCharsets.UTF_8).trim();
        assertEquals("{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", json);
        assertEquals(1f, bytes.getFloat());
        assertEquals(-2f, bytes.getFloat());
        assertEquals(0, bytes.remaining());
    }

    @Test
    void readsBf16AsFloat32() throws IOException {
        String json = "{\"x\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,4]}}    ";
        ByteBuffer out = ByteBuffer.allocate(8 + json.length() + 4).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(json.length()).put(json.getBytes(StandardCharsets.US_ASCII));
        out.putShort((short) (Float.floatToIntBits(1.5f) >>> 16)).putShort((short) (Float.floatToIntBits(-3f) >>> 16));
        Path file = dir.resolve("bf16.safetensors");
        Files.write(file, out.array());

        assertArrayEquals(new float[] {1.5f, -3f}, SafeTensors.read(file).get("x").data());
    }
}
