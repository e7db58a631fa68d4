package org.bioinstruct.model.io;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
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
import org.bioinstruct.model.tensor.FloatTensor;

/**
 * Reads and writes the safetensors format: an 8-byte little-endian header length, a JSON header
 * {@code {name: {dtype, shape, data_offsets}}}, then raw little-endian tensor bytes. Reads F32, F16 and BF16
 * into float32 (bf16 tensors crash the PyTorch JNI, so they never reach DJL as such); writes any of the three.
 * Files are memory-mapped in windows under 2 GB, so files larger than that load without one huge buffer.
 * Tensors are written in name order, so equal contents give equal bytes.
 */
public final class SafeTensors {
    /** Default mapping window: 1 GiB, well under the 2 GB limit of one mapped buffer. */
    public static final long DEFAULT_WINDOW_BYTES = 1L << 30;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String METADATA = "__metadata__";
    private static final int CHUNK_ELEMENTS = 1 << 18;

    /** The element types this class reads and writes, by their safetensors names. */
    public enum DType {
        F32(4), F16(2), BF16(2);

        private final int bytes;

        DType(int bytes) {
            this.bytes = bytes;
        }

        public int bytes() {
            return bytes;
        }
    }

    private SafeTensors() {
    }

    public static void write(Path file, Map<String, FloatTensor> tensors) throws IOException {
        write(file, tensors, DType.F32);
    }

    public static void write(Path file, Map<String, FloatTensor> tensors, DType dtype) throws IOException {
        Map<String, FloatTensor> sorted = new TreeMap<>(tensors);
        Map<String, Object> header = new LinkedHashMap<>();
        header.put(METADATA, Map.of("format", "pt"));
        long offset = 0;
        for (Map.Entry<String, FloatTensor> e : sorted.entrySet()) {
            long size = (long) dtype.bytes() * e.getValue().data().length;
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", dtype.name());
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
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
            out.write(headerBytes);
            for (FloatTensor tensor : sorted.values()) {
                writeData(out, tensor.data(), dtype);
            }
        }
    }

    private static void writeData(OutputStream out, float[] data, DType dtype) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_ELEMENTS * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (int start = 0; start < data.length; start += CHUNK_ELEMENTS) {
            chunk.clear();
            int end = Math.min(data.length, start + CHUNK_ELEMENTS);
            for (int i = start; i < end; i++) {
                switch (dtype) {
                    case F32 -> chunk.putFloat(data[i]);
                    case F16 -> chunk.putShort(HalfFloats.floatToF16(data[i]));
                    case BF16 -> chunk.putShort(HalfFloats.floatToBf16(data[i]));
                    default -> throw new IllegalStateException(dtype.name());
                }
            }
            out.write(chunk.array(), 0, chunk.position());
        }
    }

    public static Map<String, FloatTensor> read(Path file) throws IOException {
        return read(file, DEFAULT_WINDOW_BYTES);
    }

    /** Reads every tensor, mapping the file in windows of at most {@code windowBytes}. */
    public static Map<String, FloatTensor> read(Path file, long windowBytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            MappedWindows mapped = new MappedWindows(channel, windowBytes);
            long headerLength = mapped.size() < 8 ? -1 : readHeaderLength(channel);
            if (headerLength <= 0 || headerLength > 100_000_000 || 8 + headerLength > mapped.size()) {
                throw new IOException(file + ": not a safetensors file (header length " + headerLength + ")");
            }
            ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
            readFully(channel, headerBytes, 8);
            Map<String, Entry> header = parseHeader(file, new String(headerBytes.array(), StandardCharsets.UTF_8));
            Map<String, FloatTensor> tensors = new TreeMap<>();
            long dataStart = 8 + headerLength;
            for (Map.Entry<String, Entry> e : header.entrySet()) {
                tensors.put(e.getKey(), readTensor(mapped, dataStart, file + ": " + e.getKey(), e.getValue()));
            }
            return tensors;
        }
    }

    private static long readHeaderLength(FileChannel channel) throws IOException {
        ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, lengthBytes, 0);
        return lengthBytes.flip().getLong();
    }

    private static Map<String, Entry> parseHeader(Path file, String json) throws IOException {
        Map<String, Object> raw = JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            if (!e.getKey().equals(METADATA)) {
                try {
                    entries.put(e.getKey(), JSON.convertValue(e.getValue(), Entry.class));
                } catch (IllegalArgumentException bad) {
                    throw new IOException(file + ": malformed header entry " + e.getKey(), bad);
                }
            }
        }
        return entries;
    }

    private static FloatTensor readTensor(MappedWindows mapped, long dataStart, String name, Entry entry)
            throws IOException {
        DType dtype = dtype(name, entry.dtype());
        long count = 1;
        for (long dim : entry.shape()) {
            count *= dim;
        }
        if (entry.data_offsets() == null || entry.data_offsets().size() != 2) {
            throw new IOException(name + ": data_offsets must hold [begin, end]");
        }
        long begin = entry.data_offsets().get(0);
        long end = entry.data_offsets().get(1);
        if (count > Integer.MAX_VALUE - 8) {
            throw new IOException(name + ": " + count + " elements do not fit one Java array");
        }
        if (begin < 0 || end - begin != count * dtype.bytes() || dataStart + end > mapped.size()) {
            throw new IOException(name + ": data_offsets [" + begin + ", " + end + "] do not match shape, dtype and file");
        }
        float[] data = new float[(int) count];
        for (int start = 0; start < data.length; start += CHUNK_ELEMENTS) {
            int n = Math.min(CHUNK_ELEMENTS, data.length - start);
            ByteBuffer bytes = mapped.bytes(dataStart + begin + (long) start * dtype.bytes(), n * dtype.bytes());
            decode(bytes, dtype, data, start, n);
        }
        return new FloatTensor(entry.shape(), data);
    }

    private static void decode(ByteBuffer bytes, DType dtype, float[] into, int start, int n) {
        switch (dtype) {
            case F32 -> bytes.asFloatBuffer().get(into, start, n);
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    into[start + i] = HalfFloats.f16ToFloat(bytes.getShort());
                }
            }
            case BF16 -> {
                for (int i = 0; i < n; i++) {
                    into[start + i] = HalfFloats.bf16ToFloat(bytes.getShort());
                }
            }
            default -> throw new IllegalStateException(dtype.name());
        }
    }

    private static DType dtype(String name, String dtype) throws IOException {
        try {
            return DType.valueOf(dtype);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IOException(name + ": unsupported dtype " + dtype + " (supported: F32, F16, BF16)");
        }
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
