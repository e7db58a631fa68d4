package org.bioinstruct.model.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bioinstruct.model.tensor.FloatTensor;

/**
 * The weights of a Hugging Face model directory: one {@code model.safetensors}, or shards listed by
 * {@code model.safetensors.index.json} ({@code weight_map}: tensor name to shard file), as transformers'
 * {@code save_pretrained} writes them.
 */
public final class HfCheckpoint {
    public static final String SINGLE_FILE = "model.safetensors";
    public static final String INDEX_FILE = "model.safetensors.index.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private HfCheckpoint() {
    }

    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(SINGLE_FILE)) || Files.isRegularFile(dir.resolve(INDEX_FILE));
    }

    public static Map<String, FloatTensor> read(Path dir) throws IOException {
        return read(dir, SafeTensors.DEFAULT_WINDOW_BYTES);
    }

    /** All tensors, from the index's shards when there is an index, else from {@code model.safetensors}. */
    public static Map<String, FloatTensor> read(Path dir, long windowBytes) throws IOException {
        Path index = dir.resolve(INDEX_FILE);
        if (!Files.isRegularFile(index)) {
            return SafeTensors.read(dir.resolve(SINGLE_FILE), windowBytes);
        }
        Map<String, String> weightMap = weightMap(index);
        Map<String, FloatTensor> tensors = new TreeMap<>();
        for (String shard : new TreeSet<>(weightMap.values())) {
            Map<String, FloatTensor> inShard = SafeTensors.read(dir.resolve(shard), windowBytes);
            weightMap.forEach((name, file) -> {
                if (file.equals(shard)) {
                    FloatTensor tensor = inShard.get(name);
                    if (tensor == null) {
                        throw new IllegalArgumentException(index + ": " + name + " is mapped to " + shard + ", which lacks it");
                    }
                    tensors.put(name, tensor);
                }
            });
        }
        return tensors;
    }

    private static Map<String, String> weightMap(Path index) throws IOException {
        JsonNode map = JSON.readTree(index.toFile()).path("weight_map");
        if (!map.isObject() || map.isEmpty()) {
            throw new IOException(index + ": no weight_map");
        }
        Map<String, String> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String file = e.getValue().asText();
            if (file.isEmpty() || file.contains("/") || file.contains("\\")) {
                throw new IOException(index + ": bad shard file name for " + e.getKey() + ": " + e.getValue());
            }
            out.put(e.getKey(), file);
        }
        return out;
    }

    /** Writes {@code model.safetensors}. */
    public static void write(Path dir, Map<String, FloatTensor> tensors, SafeTensors.DType dtype) throws IOException {
        SafeTensors.write(dir.resolve(SINGLE_FILE), tensors, dtype);
    }

    /**
     * Writes shards of at most {@code maxShardBytes} (a tensor larger than that gets a shard of its own) named
     * {@code model-00001-of-0000N.safetensors}, and the index.
     */
    public static void writeSharded(Path dir, Map<String, FloatTensor> tensors, SafeTensors.DType dtype,
                                    long maxShardBytes) throws IOException {
        List<Map<String, FloatTensor>> shards = new ArrayList<>();
        Map<String, FloatTensor> current = new TreeMap<>();
        long currentBytes = 0;
        long total = 0;
        for (Map.Entry<String, FloatTensor> e : new TreeMap<>(tensors).entrySet()) {
            long bytes = (long) e.getValue().data().length * dtype.bytes();
            if (!current.isEmpty() && currentBytes + bytes > maxShardBytes) {
                shards.add(current);
                current = new TreeMap<>();
                currentBytes = 0;
            }
            current.put(e.getKey(), e.getValue());
            currentBytes += bytes;
            total += bytes;
        }
        shards.add(current);
        Map<String, String> weightMap = new TreeMap<>();
        for (int i = 0; i < shards.size(); i++) {
            String name = String.format("model-%05d-of-%05d.safetensors", i + 1, shards.size());
            SafeTensors.write(dir.resolve(name), shards.get(i), dtype);
            shards.get(i).keySet().forEach(tensor -> weightMap.put(tensor, name));
        }
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("metadata", Map.of("total_size", total));
        index.put("weight_map", weightMap);
        JSON.writeValue(dir.resolve(INDEX_FILE).toFile(), index);
    }
}
