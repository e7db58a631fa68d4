package org.bioinstruct.model.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.bioinstruct.model.io.SafeTensors.DType;
import org.bioinstruct.model.tensor.FloatTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsF32Exactly() throws IOException {
        Map<String, FloatTensor> tensors = Map.of(
                "b.weight", FloatTensor.normal(new SplittableRandom(1), 1.0, 3, 5),
                "a.bias", new FloatTensor(new long[] {2}, new float[] {Float.MIN_VALUE, -0f}),
                "scalar.like", new FloatTensor(new long[] {1, 1}, new float[] {42.5f}));
        Path file = dir.resolve("t.safetensors");
        SafeTensors.write(file, tensors);

        assertEquals(tensors, SafeTensors.read(file));
    }

    @Test
    void roundTripsValuesRepresentableInF16AndBf16Exactly() throws IOException {
        // every value here is exact in both 16-bit formats
        float[] values = {0f, -0f, 1f, -2.5f, 0.15625f, 1024f, -3.0517578e-5f, Float.POSITIVE_INFINITY, 96f};
        for (DType dtype : new DType[] {DType.F16, DType.BF16}) {
            Path file = dir.resolve(dtype + ".safetensors");
            SafeTensors.write(file, Map.of("x", new FloatTensor(new long[] {3, 3}, values)), dtype);

            assertArrayEquals(values, SafeTensors.read(file).get("x").data(), dtype.name());
            assertEquals(8 + headerLength(file) + 9 * 2, Files.size(file), "two bytes per value");
        }
    }

    @Test
    void narrowsToF16AndBf16ByRoundingToNearestEven() throws IOException {
        float[] values = {1.00146484375f, 3.14159265f, 65504f, 70000f, 1e-8f, 6.1e-5f, Float.NaN};
        float[] f16 = readBack(values, DType.F16);
        float[] bf16 = readBack(values, DType.BF16);

        assertEquals(1.0009765625f + 0.0009765625f, f16[0], "tie rounds to the even mantissa");
        assertEquals(3.140625f, f16[1]);
        assertEquals(65504f, f16[2], "largest finite f16");
        assertEquals(Float.POSITIVE_INFINITY, f16[3], "overflow to infinity");
        assertEquals(0f, f16[4], "below half the smallest subnormal");
        assertEquals(1023 * 0x1p-24f, f16[5], "subnormal: 1023 units of 2^-24");
        assertTrue(Float.isNaN(f16[6]) && Float.isNaN(bf16[6]));
        assertEquals(3.140625f, bf16[1]);
        assertEquals(70144f, bf16[3], "70000 / 512 = 136.7 rounds up");
        for (int i = 0; i < 6; i++) {
            assertEquals(values[i], bf16[i], Math.abs(values[i]) / 256, "bf16 keeps 8 significant bits");
        }
    }

    @Test
    void readsF16AndBf16AsTheirFloat32Values() throws IOException {
        Path file = dir.resolve("mixed.safetensors");
        String json = "{\"h\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[0,6]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[6,10]}}";
        ByteBuffer out = ByteBuffer.allocate(8 + json.length() + 10).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(json.length()).put(json.getBytes(StandardCharsets.US_ASCII));
        out.putShort((short) 0x3C00).putShort((short) 0xC500).putShort((short) 0x0001);
        out.putShort((short) (Float.floatToIntBits(1.5f) >>> 16)).putShort((short) (Float.floatToIntBits(-3f) >>> 16));
        Files.write(file, out.array());

        Map<String, FloatTensor> read = SafeTensors.read(file);
        assertArrayEquals(new float[] {1f, -5f, 5.9604645e-8f}, read.get("h").data());
        assertArrayEquals(new float[] {1.5f, -3f}, read.get("b").data());
    }

    @Test
    void tensorsCrossingMappingWindowsLoadIntact() throws IOException {
        Map<String, FloatTensor> tensors = new TreeMap<>();
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 6; i++) {
            tensors.put("t" + i, FloatTensor.normal(random, 1.0, 7 + i, 13));
        }
        for (DType dtype : DType.values()) {
            Path file = dir.resolve("w-" + dtype + ".safetensors");
            SafeTensors.write(file, tensors, dtype);
            Map<String, FloatTensor> whole = SafeTensors.read(file, SafeTensors.DEFAULT_WINDOW_BYTES);
            // odd window sizes put window boundaries inside tensors and inside single elements
            for (long window : new long[] {1, 7, 64, 333, 4096}) {
                assertEquals(whole, SafeTensors.read(file, window), dtype + " with window " + window);
            }
        }
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
    void rejectsUnsupportedDtypesAndInconsistentOffsetsNamingTheTensor() throws IOException {
        IOException dtype = assertThrows(IOException.class, () -> SafeTensors.read(
                raw("{\"q\":{\"dtype\":\"I8\",\"shape\":[2],\"data_offsets\":[0,2]}}", 2)));
        assertTrue(dtype.getMessage().contains(": q: unsupported dtype I8"), dtype.getMessage());
        IOException offsets = assertThrows(IOException.class, () -> SafeTensors.read(
                raw("{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,12]}}", 12)));
        assertTrue(offsets.getMessage().contains(": w: data_offsets"), offsets.getMessage());
        IOException truncated = assertThrows(IOException.class, () -> SafeTensors.read(
                raw("{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 8)));
        assertTrue(truncated.getMessage().contains(": w: data_offsets"), truncated.getMessage());
    }

    private float[] readBack(float[] values, DType dtype) throws IOException {
        Path file = dir.resolve("n-" + dtype + ".safetensors");
        SafeTensors.write(file, Map.of("x", new FloatTensor(new long[] {values.length}, values)), dtype);
        return SafeTensors.read(file).get("x").data();
    }

    private Path raw(String json, int dataBytes) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(8 + json.length() + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(json.length()).put(json.getBytes(StandardCharsets.US_ASCII));
        Path file = Files.createTempFile(dir, "raw", ".safetensors");
        Files.write(file, out.array());
        return file;
    }

    private static long headerLength(Path file) throws IOException {
        return ByteBuffer.wrap(Files.readAllBytes(file), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }
}
