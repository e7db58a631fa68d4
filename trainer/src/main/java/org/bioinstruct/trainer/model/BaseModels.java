package org.bioinstruct.trainer.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Creates the project's own tiny base model or loads it. A new model is a pure function of the seed, written
 * to a temporary directory and renamed into place, so processes racing to create it produce identical files
 * and the loser simply loads the winner's.
 */
public final class BaseModels {
    public static final String WEIGHTS_FILE = "model.safetensors";

    private BaseModels() {
    }

    public static BaseModel createOrLoad(Path dir, long seed) throws IOException {
        if (!exists(dir)) {
            create(dir, seed);
        }
        return load(dir);
    }

    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(TinyModelConfig.FILE_NAME)) && Files.isRegularFile(dir.resolve(WEIGHTS_FILE));
    }

    public static BaseModel load(Path dir) throws IOException {
        TinyModelConfig config = TinyModelConfig.load(dir.resolve(TinyModelConfig.FILE_NAME));
        return new BaseModel(dir, config, SafeTensors.read(dir.resolve(WEIGHTS_FILE)));
    }

    private static void create(Path dir, long seed) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createDirectory(parent.resolve("." + dir.getFileName() + ".tmp-" + UUID.randomUUID()));
        try {
            TinyModelConfig config = TinyModelConfig.tiny();
            config.save(tmp.resolve(TinyModelConfig.FILE_NAME));
            SafeTensors.write(tmp.resolve(WEIGHTS_FILE), initialWeights(config, seed));
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileSystemException e) {
            // losing a race: another process renamed its identical model into place first
            if (!exists(dir)) {
                throw e;
            }
        } finally {
            deleteRecursively(tmp);
        }
    }

    /** Deterministic initial weights: normal(0, 1/sqrt(fan_in)) projections, unit embeddings and norms. */
    public static Map<String, FloatTensor> initialWeights(TinyModelConfig config, long seed) {
        int h = config.hiddenSize();
        int inner = config.intermediateSize();
        int vocab = config.vocabSize();
        Map<String, long[]> shapes = new TreeMap<>();
        shapes.put("model.embed_tokens.weight", new long[] {vocab, h});
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            String p = "model.layers." + i;
            shapes.put(p + ".input_layernorm.weight", new long[] {h});
            shapes.put(p + ".post_attention_layernorm.weight", new long[] {h});
            for (String proj : new String[] {"q_proj", "k_proj", "v_proj", "o_proj"}) {
                shapes.put(p + ".self_attn." + proj + ".weight", new long[] {h, h});
            }
            shapes.put(p + ".mlp.gate_proj.weight", new long[] {inner, h});
            shapes.put(p + ".mlp.up_proj.weight", new long[] {inner, h});
            shapes.put(p + ".mlp.down_proj.weight", new long[] {h, inner});
        }
        shapes.put("model.norm.weight", new long[] {h});
        shapes.put("lm_head.weight", new long[] {vocab, h});

        SplittableRandom random = new SplittableRandom(seed);
        Map<String, FloatTensor> weights = new TreeMap<>();
        shapes.forEach((name, shape) -> {
            if (name.endsWith("norm.weight")) {
                weights.put(name, FloatTensor.filled(1f, shape));
            } else if (name.equals("model.embed_tokens.weight")) {
                weights.put(name, FloatTensor.normal(random, 1.0, shape));
            } else {
                weights.put(name, FloatTensor.normal(random, 1.0 / Math.sqrt(shape[1]), shape));
            }
        });
        return weights;
    }

    static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
