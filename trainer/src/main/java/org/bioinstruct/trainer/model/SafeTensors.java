package org.bioinstruct.trainer.model;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes the safetensors format: an 8-byte little-endian header length, a JSON header
 * {@code {name: {dtype, shape, data_offsets}}}, then raw little-endian tensor bytes. Writes F32; reads F32 and
 * BF16 (converted to F32, since bf16 tensors crash the PyTorch JNI). Tensors are written in name order, so
 * equal contents give equal bytes.
 */
public final class SafeTensors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String METADATA = "__metadata__";

    private SafeTensors() {
    }

    public static void write(Path file, Map<String, FloatTensor> tensors) throws IOException {
        Map<String, FloatTensor> sorted = new TreeMap<>(tensors);
        Map<String, Object> header = new LinkedHashMap<>();
        header.put(METADATA, Map.of("format", "pt"));
        long offset = 0;
        for (Map.Entry<String, FloatTensor> e : sorted.entrySet()) {
            long size = 4L * e.getValue().data().length;
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", "F32");
            entry.put("shape", e.getValue().shape());
            entry.put("data_offsets", List.of(offset, offset + size));
            header.put(e.getKey(), entry);
            offset += size;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        byte[] headerBytes = new byte[padded];
        System.arraycopy(json, 0, headerBytes, 0, json.length);
        for (int i = json.length; i < padded; i++) {
            headerBytes[i] = ' ';
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
            out.write(headerBytes);
            for (FloatTensor tensor : sorted.values()) {
                ByteBuffer data = ByteBuffer.allocate(4 * tensor.data().length).order(ByteOrder.LITTLE_ENDIAN);
                data.asFloatBuffer().put(tensor.data());
                out.write(data.array());
            }
        }
    }

    public static Map<String, FloatTensor> read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, lengthBytes, 0);
            long headerLength = lengthBytes.flip().getLong();
            if (headerLength <= 0 || headerLength > 100_000_000 || 8 + headerLength > channel.size()) {
                throw new IOException(file + ": not a safetensors file (header length " + headerLength + ")");
            }
            ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
            readFully(channel, headerBytes, 8);
            Map<String, Entry> header = parseHeader(new String(headerBytes.array(), StandardCharsets.UTF_8));
            Map<String, FloatTensor> tensors = new TreeMap<>();
            long dataStart = 8 + headerLength;
            for (Map.Entry<String, Entry> e : header.entrySet()) {
                tensors.put(e.getKey(), readTensor(channel, dataStart, e.getKey(), e.getValue()));
            }
            return tensors;
        }
    }

    private static Map<String, Entry> parseHeader(String json) throws IOException {
        Map<String, Object> raw = JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
        Map<String, Entry> entries = new LinkedHashMap<>();
        raw.forEach((name, value) -> {
            if (!name.equals(METADATA)) {
                entries.put(name, JSON.convertValue(value, Entry.class));
            }
        });
        return entries;
    }

    private static FloatTensor readTensor(FileChannel channel, long dataStart, String name, Entry entry)
            throws IOException {
        long begin = entry.data_offsets().get(0);
        long end = entry.data_offsets().get(1);
        long count = 1;
        for (long dim : entry.shape()) {
            count *= dim;
        }
        int bytesPerValue = switch (entry.dtype()) {
            case "F32" -> 4;
            case "BF16" -> 2;
            default -> throw new IOException(name + ": unsupported dtype " + entry.dtype());
        };
        if (end - begin != count * bytesPerValue || count > Integer.MAX_VALUE / 4) {
            throw new IOException(name + ": data_offsets do not match shape and dtype");
        }
        ByteBuffer bytes = ByteBuffer.allocate((int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, bytes, dataStart + begin);
        bytes.flip();
        float[] data = new float[(int) count];
        if (bytesPerValue == 4) {
            bytes.asFloatBuffer().get(data);
        } else {
            for (int i = 0; i < data.length; i++) {
                data[i] = Float.intBitsToFloat((bytes.getShort() & 0xFFFF) << 16);
            }
        }
        return new FloatTensor(entry.shape(), data);
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new IOException("safetensors file truncated");
            }
            at += n;
        }
    }

    @SuppressWarnings("checkstyle:RecordComponentName")
    private record Entry(String dtype, long[] shape, List<Long> data_offsets) {
    }
}
