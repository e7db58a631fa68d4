package org.bioinstruct.evaluator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.bioinstruct.model.BaseModel;
import org.bioinstruct.model.BaseModels;
import org.bioinstruct.model.llama.LanguageModel;
import org.bioinstruct.model.lora.LoraAdapter;
import org.bioinstruct.model.lora.LoraSpec;
import org.bioinstruct.model.tensor.FloatTensor;
import org.bioinstruct.schemas.testkit.TempDirs;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The project's tiny base model in a temp dir, and adapters that change its outputs without training: the fresh
 * LoRA A of a seed with a random (non-zero) B. Every test's use of the trainer's model code beyond ModelScorer is
 * here.
 */
public final class TinyModels {
    private TinyModels() {
    }

    /** The base model and a random adapter of it ({@code seed}, {@code std}) for one test class. */
    public static PerClass perClass(long seed, double std) {
        return new PerClass(seed, std);
    }

    public static BaseModel base(Path dir) throws IOException {
        return BaseModels.createOrLoad(dir, 7);
    }

    public static LoraAdapter randomAdapter(BaseModel base, long seed, double std) {
        LoraAdapter fresh;
        try (LanguageModel model = LanguageModel.create(base, LoraSpec.defaults(), seed)) {
            fresh = model.exportAdapter();
        }
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, FloatTensor> weights = new TreeMap<>();
        fresh.weights().forEach((name, tensor) -> weights.put(name, name.contains("lora_B")
                ? FloatTensor.normal(random, std, tensor.shape()) : tensor));
        return new LoraAdapter(fresh.spec(), fresh.baseModel(), weights);
    }

    /** On a static {@code @RegisterExtension} field: made in a temp dir before the class's first test. */
    public static final class PerClass implements BeforeAllCallback {
        private final long seed;
        private final double std;
        private BaseModel base;
        private LoraAdapter adapter;

        private PerClass(long seed, double std) {
            this.seed = seed;
            this.std = std;
        }

        @Override
        public void beforeAll(ExtensionContext context) throws Exception {
            base = TinyModels.base(TempDirs.create(context, "tiny-model").resolve("base"));
            adapter = randomAdapter(base, seed, std);
        }

        public BaseModel base() {
            return base;
        }

        public LoraAdapter adapter() {
            return adapter;
        }
    }
}
