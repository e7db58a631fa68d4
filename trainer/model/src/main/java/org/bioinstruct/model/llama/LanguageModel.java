package org.bioinstruct.model.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.bioinstruct.model.BaseModel;
import org.bioinstruct.model.lora.LoraAdapter;
import org.bioinstruct.model.lora.LoraMerge;
import org.bioinstruct.model.lora.LoraSpec;
import org.bioinstruct.model.lora.PeftNames;
import org.bioinstruct.model.tensor.FloatTensor;
import org.bioinstruct.model.tensor.OwnedArrays;
import org.bioinstruct.model.tokenizer.TextTokenizer;

/**
 * A base model loaded into DJL, optionally with LoRA adapters on some projections. Owns the native memory of
 * its parameters and its tokenizer (opened from the base model's tokenizer.json on first use): close it
 * (try-with-resources). Per-call work happens in sub-managers so repeated calls do not accumulate native arrays.
 */
public final class LanguageModel implements AutoCloseable {
    private final NDManager manager;
    private final CausalLm block;
    private final LoraSpec lora;
    private final BaseModel base;
    private final ParameterStore store;
    private final boolean baseTrainable;
    private TextTokenizer tokenizer;

    private LanguageModel(BaseModel base, Map<String, FloatTensor> baseWeights, LoraSpec lora, long loraSeed,
                          boolean baseTrainable) {
        this.manager = NDManager.newBaseManager();
        this.lora = lora;
        this.base = base;
        this.baseTrainable = baseTrainable;
        this.block = new CausalLm(base.config(), lora);
        this.store = new ParameterStore(manager, false);
        try {
            assignBaseWeights(LlamaWeights.select(base.config(), baseWeights));
            if (lora != null) {
                assignLora(initialLora(loraSeed));
            }
            // every array is assigned already, so this only records input shapes; no initializer runs
            block.initialize(manager, DataType.FLOAT32, new Shape(1, base.config().maxPositionEmbeddings()));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The base model alone, no adapter. */
    public static LanguageModel create(BaseModel base) {
        return new LanguageModel(base, base.weights(), null, 0, false);
    }

    /** The base model with fresh LoRA adapters: A random (from the seed), B zero, so outputs equal the base. */
    public static LanguageModel create(BaseModel base, LoraSpec lora, long loraSeed) {
        return new LanguageModel(base, base.weights(), lora, loraSeed, false);
    }

    /**
     * The base model with every weight trainable and no adapter: full-parameter pre-training of the project's own
     * tiny model. Fine-tuning never uses this.
     */
    public static LanguageModel forPretraining(BaseModel base) {
        return new LanguageModel(base, base.weights(), null, 0, true);
    }

    /** The base model with the adapter merged into its weights (W + (alpha/r) B A): inference at base cost. */
    public static LanguageModel merged(BaseModel base, LoraAdapter adapter) {
        try (LanguageModel adapted = withAdapter(base, adapter)) {
            return new LanguageModel(base, adapted.mergedWeights(), null, 0, false);
        }
    }

    /** The base model with the given adapter's weights. */
    public static LanguageModel withAdapter(BaseModel base, LoraAdapter adapter) {
        LanguageModel model = new LanguageModel(base, base.weights(), adapter.spec(), 0, false);
        try {
            model.loadAdapter(adapter);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return model;
    }

    public LlamaConfig config() {
        return block.config();
    }

    public BaseModel base() {
        return base;
    }

    public NDManager manager() {
        return manager;
    }

    /** The base model's tokenizer, opened on first use and closed with this model. */
    public TextTokenizer tokenizer() {
        if (tokenizer == null) {
            try {
                tokenizer = base.openTokenizer();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return tokenizer;
    }

    public LoraSpec lora() {
        return lora;
    }

    /** Logits (B, T, V) for token ids (B, T); intermediates live in the ids' manager. */
    public NDArray forward(NDArray ids, boolean training) {
        return block.forward(store, new NDList(ids), training).singletonOrThrow(); // (B, T) -> (B, T, V)
    }

    /** Every parameter under its Hugging Face name (base weights, then LoRA A and B where present). */
    public Map<String, Parameter> parameters() {
        return block.namedParameters();
    }

    /** The parameters that take gradients: all of them when pre-training, else the LoRA ones. */
    public Map<String, Parameter> trainableParameters() {
        return baseTrainable ? parameters() : loraParameters();
    }

    /** LoRA parameters (the only trainable ones when fine-tuning) under their Hugging Face names. */
    public Map<String, Parameter> loraParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        block.namedParameters().forEach((name, p) -> {
            if (name.contains(".lora_")) {
                out.put(name, p);
            }
        });
        return out;
    }

    /** The frozen base weights as they are now in native memory. */
    public Map<String, FloatTensor> baseWeights() {
        Map<String, FloatTensor> out = new TreeMap<>();
        block.namedParameters().forEach((name, p) -> {
            if (!name.contains(".lora_")) {
                out.put(name, toTensor(p.getArray()));
            }
        });
        return out;
    }

    /**
     * The base weights with every LoRA update merged in: {@code W + (alpha / r) B A} for each adapted projection,
     * computed in Java (double accumulation); the plain base weights when there is no adapter.
     */
    public Map<String, FloatTensor> mergedWeights() {
        Map<String, FloatTensor> merged = baseWeights();
        if (lora == null) {
            return merged;
        }
        Map<String, Parameter> params = loraParameters();
        params.forEach((name, p) -> {
            if (name.endsWith(".lora_A.weight")) {
                String module = name.substring(0, name.length() - ".lora_A.weight".length());
                FloatTensor a = toTensor(p.getArray());
                FloatTensor b = toTensor(params.get(module + ".lora_B.weight").getArray());
                merged.put(module + ".weight", LoraMerge.merge(merged.get(module + ".weight"), a, b, lora.scaling()));
            }
        });
        return merged;
    }

    public LoraAdapter exportAdapter() {
        if (lora == null) {
            throw new IllegalStateException("model has no LoRA adapter");
        }
        Map<String, FloatTensor> weights = new TreeMap<>();
        loraParameters().forEach((name, p) -> weights.put(PeftNames.toPeft(name), toTensor(p.getArray())));
        return new LoraAdapter(lora, base.name(), weights);
    }

    /** Replaces the LoRA weights with the adapter's; its rank, alpha and targets must match this model's. */
    public void loadAdapter(LoraAdapter adapter) {
        if (!adapter.spec().compatibleWith(lora)) {
            throw new IllegalArgumentException("adapter " + adapter.spec() + " does not match model LoRA " + lora);
        }
        Map<String, FloatTensor> byName = new TreeMap<>();
        adapter.weights().forEach((key, tensor) -> byName.put(PeftNames.fromPeft(key), tensor));
        assignLora(byName);
    }

    /**
     * Greedy decoding of at most {@code maxNewTokens} tokens after {@code BOS prompt}, stopping at an EOS id;
     * a prompt too long for the context loses its beginning.
     */
    public String generate(String prompt, int maxNewTokens) {
        int maxLength = config().maxPositionEmbeddings();
        int newTokens = Math.min(maxNewTokens, maxLength - 2);
        int[] encoded = tokenizer().encode(prompt);
        int promptKeep = Math.min(encoded.length, maxLength - 1 - newTokens);
        long[] ids = new long[1 + promptKeep + newTokens];
        ids[0] = tokenizer().bosId();
        for (int i = 0; i < promptKeep; i++) {
            ids[1 + i] = encoded[encoded.length - promptKeep + i];
        }
        int length = 1 + promptKeep;
        int[] generated = new int[newTokens];
        int count = 0;
        while (count < newTokens) {
            int next;
            try (NDManager step = manager.newSubManager()) {
                NDArray input = OwnedArrays.of(step, Arrays.copyOf(ids, length), new Shape(1, length)); // (1, T)
                NDArray logits = forward(input, false); // (1, T, V)
                next = (int) logits.get(0, length - 1).argMax().getLong(); // greedy: the last position's argmax
            }
            if (config().eosTokenIds().contains(next)) {
                break;
            }
            generated[count++] = next;
            ids[length++] = next;
        }
        return tokenizer().decode(Arrays.copyOf(generated, count));
    }

    @Override
    public void close() {
        if (tokenizer != null) {
            tokenizer.close();
        }
        manager.close();
    }

    private void assignBaseWeights(Map<String, FloatTensor> weights) {
        block.namedParameters().forEach((name, p) -> {
            if (name.contains(".lora_")) {
                return;
            }
            assign(p, weights.get(name), baseTrainable);
        });
    }

    private Map<String, FloatTensor> initialLora(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, FloatTensor> weights = new TreeMap<>();
        block.namedParameters().forEach((name, p) -> {
            if (name.endsWith(".weight") && !name.contains(".lora_")) {
                String prefix = name.substring(0, name.length() - ".weight".length());
                if (block.namedParameters().containsKey(prefix + ".lora_A.weight")) {
                    long[] shape = weightShape(name);
                    weights.put(prefix + ".lora_A.weight",
                            FloatTensor.uniform(random, 1.0 / Math.sqrt(shape[1]), lora.r(), shape[1]));
                    weights.put(prefix + ".lora_B.weight", FloatTensor.zeros(shape[0], lora.r()));
                }
            }
        });
        return weights;
    }

    private long[] weightShape(String name) {
        return block.namedParameters().get(name).getArray().getShape().getShape();
    }

    private void assignLora(Map<String, FloatTensor> weights) {
        Map<String, Parameter> params = loraParameters();
        if (!params.keySet().equals(weights.keySet())) {
            throw new IllegalArgumentException("adapter tensors " + weights.keySet() + " do not match " + params.keySet());
        }
        params.forEach((name, p) -> assign(p, weights.get(name), true));
    }

    private void assign(Parameter parameter, FloatTensor tensor, boolean trainable) {
        Shape shape = new Shape(tensor.shape());
        if (!parameter.isInitialized()) {
            NDArray array = OwnedArrays.of(manager, tensor.data(), shape);
            parameter.setArray(array);
            array.setRequiresGradient(trainable);
        } else if (parameter.getArray().getShape().equals(shape)) {
            parameter.getArray().set(tensor.data());
        } else {
            throw new IllegalArgumentException(parameter.getName() + ": expected shape "
                    + parameter.getArray().getShape() + ", got " + shape);
        }
    }

    private static FloatTensor toTensor(NDArray array) {
        return new FloatTensor(array.getShape().getShape(), array.toFloatArray());
    }
}
