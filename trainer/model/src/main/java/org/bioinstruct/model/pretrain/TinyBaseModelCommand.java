package org.bioinstruct.model.pretrain;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.bioinstruct.model.BaseModel;
import org.bioinstruct.model.BaseModels;
import org.bioinstruct.schemas.config.InvalidConfigException;

/**
 * {@code create-base-model --out DIR [--pretrain-steps N] [--seed S] [--corpus FILE] [--hidden-size H]
 * [--layers L]}: writes the project's tiny LLaMA base model in the Hugging Face layout (config.json,
 * model.safetensors, tokenizer.json, tokenizer_config.json, generation_config.json), hidden 64 and 2 layers
 * unless told otherwise, optionally pre-trained for N steps on the project's biomedical text, or on the documents
 * in FILE (one JSON string per line; the tokenizer is then trained on them too), printing the loss curve. Does
 * nothing if DIR already holds a model.
 */
public final class TinyBaseModelCommand {
    private TinyBaseModelCommand() {
    }

    public static void main(String[] args) throws IOException {
        Path out = null;
        int steps = 0;
        long seed = 7;
        Path corpus = null;
        int hiddenSize = TinyShape.DEFAULT.hiddenSize();
        int layers = TinyShape.DEFAULT.layers();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            String value = i + 1 < args.length ? args[++i] : null;
            switch (option) {
                case "--out" -> out = Path.of(required(option, value));
                case "--pretrain-steps" -> steps = (int) number(option, value, 0, 100_000);
                case "--seed" -> seed = number(option, value, Long.MIN_VALUE, Long.MAX_VALUE);
                case "--corpus" -> corpus = Path.of(required(option, value));
                case "--hidden-size" -> hiddenSize = (int) number(option, value, TinyShape.HIDDEN_SIZE_STEP, 4096);
                case "--layers" -> layers = (int) number(option, value, 1, 64);
                default -> throw new InvalidConfigException(option, null,
                        "expected --out, --pretrain-steps, --seed, --corpus, --hidden-size or --layers");
            }
        }
        if (out == null) {
            throw new InvalidConfigException("--out", null, "required: the directory to write the model to");
        }
        run(out, steps, seed, corpus, shape(hiddenSize, layers));
    }

    private static TinyShape shape(int hiddenSize, int layers) {
        if (hiddenSize % TinyShape.HIDDEN_SIZE_STEP != 0) {
            throw new InvalidConfigException("--hidden-size", hiddenSize,
                    "must be a multiple of " + TinyShape.HIDDEN_SIZE_STEP);
        }
        return new TinyShape(hiddenSize, layers);
    }

    static void run(Path out, int steps, long seed, Path corpus, TinyShape shape) throws IOException {
        if (BaseModels.exists(out)) {
            System.out.println("base model already present in " + out);
            return;
        }
        long start = System.nanoTime();
        Consumer<Pretrainer.Point> progress = point -> {
            if (point.step() == 1 || point.step() % 25 == 0 || point.step() == steps) {
                System.out.printf(Locale.ROOT, "pre-training step %d/%d  loss %.4f%n", point.step(), steps, point.loss());
            }
        };
        List<String> texts = corpus == null ? BaseModels.builtInCorpus(seed) : CorpusFile.read(corpus);
        BaseModels.create(out, seed, steps, shape, texts, progress);
        BaseModel model = BaseModels.load(out);
        System.out.printf(Locale.ROOT, "wrote %s: %d layers, hidden %d, vocab %d, %d parameters, in %.1f s%n", out,
                model.config().numHiddenLayers(), model.config().hiddenSize(), model.config().vocabSize(),
                model.weights().values().stream().mapToLong(t -> t.data().length).sum(),
                (System.nanoTime() - start) / 1e9);
    }

    private static String required(String option, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidConfigException(option, value, "needs a value");
        }
        return value;
    }

    private static long number(String option, String value, long min, long max) {
        long parsed;
        try {
            parsed = Long.parseLong(required(option, value).trim());
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(option, value, "not a whole number");
        }
        if (parsed < min || parsed > max) {
            throw new InvalidConfigException(option, value, "must be between " + min + " and " + max);
        }
        return parsed;
    }
}
