package org.bioinstruct.trainer.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import org.bioinstruct.schemas.config.InvalidConfigException;

/**
 * {@code create-base-model --out DIR [--pretrain-steps N] [--seed S] [--corpus FILE]}: writes the project's tiny
 * LLaMA base model in the Hugging Face layout (config.json, model.safetensors, tokenizer.json,
 * tokenizer_config.json, generation_config.json), optionally pre-trained for N steps on the project's biomedical
 * text, or on the documents in FILE (one JSON string per line; the tokenizer is then trained on them too),
 * printing the loss curve. Does nothing if DIR already holds a model.
 */
public final class TinyBaseModelCommand {
    private TinyBaseModelCommand() {
    }

    public static void main(String[] args) throws IOException {
        Path out = null;
        int steps = 0;
        long seed = 7;
        Path corpus = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            String value = i + 1 < args.length ? args[++i] : null;
            switch (option) {
                case "--out" -> out = Path.of(required(option, value));
                case "--pretrain-steps" -> steps = (int) number(option, value, 0, 100_000);
                case "--seed" -> seed = number(option, value, Long.MIN_VALUE, Long.MAX_VALUE);
                case "--corpus" -> corpus = Path.of(required(option, value));
                default -> throw new InvalidConfigException(option, null,
                        "expected --out, --pretrain-steps, --seed or --corpus");
            }
        }
        if (out == null) {
            throw new InvalidConfigException("--out", null, "required: the directory to write the model to");
        }
        run(out, steps, seed, corpus);
    }

    static void run(Path out, int steps, long seed, Path corpus) throws IOException {
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
        if (corpus == null) {
            BaseModels.create(out, seed, steps, progress);
        } else {
            BaseModels.create(out, seed, steps, CorpusFile.read(corpus), progress);
        }
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
