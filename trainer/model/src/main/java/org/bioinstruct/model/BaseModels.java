package org.bioinstruct.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.bioinstruct.model.io.HfCheckpoint;
import org.bioinstruct.model.io.SafeTensors;
import org.bioinstruct.model.llama.LanguageModel;
import org.bioinstruct.model.llama.LlamaConfig;
import org.bioinstruct.model.llama.LlamaWeights;
import org.bioinstruct.model.pretrain.BiomedicalCorpus;
import org.bioinstruct.model.pretrain.Pretrainer;
import org.bioinstruct.model.pretrain.TinyShape;
import org.bioinstruct.model.tensor.FloatTensor;
import org.bioinstruct.model.tokenizer.BpeTrainer;

/**
 * Loads a base model in the Hugging Face layout (config.json, model.safetensors or sharded safetensors with an
 * index, tokenizer.json), or creates the project's own tiny one in that layout: a BPE tokenizer trained on the
 * project's biomedical text, seeded random weights, optionally a brief pre-training on the same text, and
 * generation_config.json. A new model is written to a temporary directory and renamed into place, so processes
 * racing to create it never see a half-written model; the loser loads the winner's.
 */
public final class BaseModels {
    public static final String WEIGHTS_FILE = HfCheckpoint.SINGLE_FILE;
    public static final String GENERATION_CONFIG_FILE = "generation_config.json";
    /** Vocabulary of the tiny model's tokenizer: 3 specials, 256 byte tokens, characters and merges. */
    public static final int TINY_VOCAB_SIZE = 1024;
    private static final int CORPUS_TEXTS = 4000;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BaseModels() {
    }

    /** Loads the model in {@code dir}, first creating the tiny model there (not pre-trained) if there is none. */
    public static BaseModel createOrLoad(Path dir, long seed) throws IOException {
        if (!exists(dir)) {
            create(dir, seed, 0, p -> { });
        }
        return load(dir);
    }

    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(LlamaConfig.FILE_NAME)) && HfCheckpoint.exists(dir);
    }

    public static BaseModel load(Path dir) throws IOException {
        LlamaConfig config = LlamaConfig.load(dir.resolve(LlamaConfig.FILE_NAME));
        return new BaseModel(dir, config, LlamaWeights.select(config, HfCheckpoint.read(dir)));
    }

    /**
     * Creates the tiny model in {@code dir} unless one is there, pre-trained for {@code pretrainSteps} steps
     * (0: random weights), reporting loss points to {@code progress}.
     */
    public static void create(Path dir, long seed, int pretrainSteps, Consumer<Pretrainer.Point> progress)
            throws IOException {
        create(dir, seed, pretrainSteps, builtInCorpus(seed), progress);
    }

    /** The project's own biomedical text the tiny model is made from when no corpus is given. */
    public static List<String> builtInCorpus(long seed) {
        return BiomedicalCorpus.texts(CORPUS_TEXTS, seed);
    }

    /**
     * As {@link #create(Path, long, int, Consumer)}, with the tokenizer trained and the model pre-trained on
     * {@code corpus} instead of the built-in biomedical text.
     */
    public static void create(Path dir, long seed, int pretrainSteps, List<String> corpus,
                              Consumer<Pretrainer.Point> progress) throws IOException {
        create(dir, seed, pretrainSteps, TinyShape.DEFAULT, corpus, progress);
    }

    /** As {@link #create(Path, long, int, List, Consumer)}, with a tiny model of another width and depth. */
    public static void create(Path dir, long seed, int pretrainSteps, TinyShape shape, List<String> corpus,
                              Consumer<Pretrainer.Point> progress) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createDirectory(parent.resolve("." + dir.getFileName() + ".tmp-" + UUID.randomUUID()));
        try {
            writeTinyModel(tmp, seed, pretrainSteps, shape, corpus, progress);
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileSystemException e) {
            // losing a race: another process renamed its model into place first
            if (!exists(dir)) {
                throw e;
            }
        } finally {
            deleteRecursively(tmp);
        }
    }

    private static void writeTinyModel(Path dir, long seed, int pretrainSteps, TinyShape shape, List<String> corpus,
                                       Consumer<Pretrainer.Point> progress) throws IOException {
        LlamaConfig config = shape.config(TINY_VOCAB_SIZE, BpeTrainer.BOS_ID, BpeTrainer.EOS_ID);
        BpeTrainer tokenizer = BpeTrainer.train(corpus, TINY_VOCAB_SIZE);
        if (tokenizer.vocabSize() != TINY_VOCAB_SIZE) {
            throw new IllegalStateException("tokenizer training reached only " + tokenizer.vocabSize() + " tokens");
        }
        tokenizer.write(dir, config.maxPositionEmbeddings());
        config.save(dir.resolve(LlamaConfig.FILE_NAME));
        writeGenerationConfig(dir, config);
        Map<String, FloatTensor> weights = LlamaWeights.initial(config, seed);
        if (pretrainSteps > 0) {
            BaseModel fresh = new BaseModel(dir, config, weights);
            try (LanguageModel model = LanguageModel.forPretraining(fresh)) {
                Pretrainer.run(model, corpus, Pretrainer.Options.defaults(pretrainSteps, seed), progress);
                weights = model.baseWeights();
            }
        }
        HfCheckpoint.write(dir, weights, SafeTensors.DType.F32);
    }

    private static void writeGenerationConfig(Path dir, LlamaConfig config) throws IOException {
        Map<String, Object> generation = new LinkedHashMap<>();
        generation.put("bos_token_id", config.bosTokenId());
        generation.put("eos_token_id", config.eosTokenId());
        generation.put("do_sample", false);
        generation.put("max_length", config.maxPositionEmbeddings());
        JSON.writeValue(dir.resolve(GENERATION_CONFIG_FILE).toFile(), generation);
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
