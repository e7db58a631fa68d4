package org.bioinstruct.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A base model loaded into DJL, optionally with LoRA adapters on some projections. Owns the native memory of
 * its parameters: close it (try-with-resources). Per-call work happens in sub-managers so repeated calls do
 * not accumulate native arrays.
 */
public final class LanguageModel implements AutoCloseable {
    private final NDManager manager;
    private final CausalLm block;
    private final LoraSpec lora;
    private final String baseModelName;
    private final ParameterStore store;
    private final ByteTokenizer tokenizer = new ByteTokenizer();

    private LanguageModel(BaseModel base, LoraSpec lora, long loraSeed) {
        this.manager = NDManager.newBaseManager();
        this.lora = lora;
        this.baseModelName = base.name();
        this.block = new CausalLm(base.config(), lora);
        this.store = new ParameterStore(manager, false);
        try {
            assignBaseWeights(base.weights());
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
        return new LanguageModel(base, null, 0);
    }

    /** The base model with fresh LoRA adapters: A random (from the seed), B zero, so outputs equal the base. */
    public static LanguageModel create(BaseModel base, LoraSpec lora, long loraSeed) {
        return new LanguageModel(base, lora, loraSeed);
    }

    /** The base model with the given adapter's weights. */
    public static LanguageModel withAdapter(BaseModel base, LoraAdapter adapter) {
        LanguageModel model = new LanguageModel(base, adapter.spec(), 0);
        try {
            model.loadAdapter(adapter);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return model;
    }

    public TinyModelConfig config() {
        return block.config();
    }

    public NDManager manager() {
        return manager;
    }

    public ByteTokenizer tokenizer() {
        return tokenizer;
    }

    public LoraSpec lora() {
        return lora;
    }

    /** Logits [batch, seq, vocab] for token ids [batch, seq]; intermediates live in the ids' manager. */
    public NDArray forward(NDArray ids, boolean training) {
        return block.forward(store, new NDList(ids), training).singletonOrThrow();
    }

    /** LoRA parameters (the only trainable ones) under their Hugging Face names. */
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

    public LoraAdapter exportAdapter() {
        if (lora == null) {
            throw new IllegalStateException("model has no LoRA adapter");
        }
        Map<String, FloatTensor> weights = new TreeMap<>();
        loraParameters().forEach((name, p) -> weights.put(LoraAdapter.PEFT_PREFIX + name, toTensor(p.getArray())));
        return new LoraAdapter(lora, baseModelName, weights);
    }

    /** Replaces the LoRA weights with the adapter's; its rank, alpha and targets must match this model's. */
    public void loadAdapter(LoraAdapter adapter) {
        if (!adapter.spec().equals(lora)) {
            throw new IllegalArgumentException("adapter " + adapter.spec() + " does not match model LoRA " + lora);
        }
        Map<String, FloatTensor> byName = new TreeMap<>();
        adapter.weights().forEach((key, tensor) -> {
            if (!key.startsWith(LoraAdapter.PEFT_PREFIX)) {
                throw new IllegalArgumentException("not a PEFT adapter key: " + key);
            }
            byName.put(key.substring(LoraAdapter.PEFT_PREFIX.length()), tensor);
        });
        assignLora(byName);
    }

    /** Greedy decoding of at most {@code maxNewTokens} bytes after the prompt, stopping at EOS. */
    public String generate(String prompt, int maxNewTokens) {
        int maxLength = config().maxPositionEmbeddings();
        int newTokens = Math.min(maxNewTokens, maxLength - 2);
        int[] encoded = tokenizer.encode(prompt);
        int promptKeep = Math.min(encoded.length, maxLength - 1 - newTokens);
        long[] ids = new long[1 + promptKeep + newTokens];
        ids[0] = ByteTokenizer.BOS;
        for (int i = 0; i < promptKeep; i++) {
            ids[1 + i] = encoded[encoded.length - promptKeep + i];
        }
        int length = 1 + promptKeep;
        int[] generated = new int[newTokens];
        int count = 0;
        while (count < newTokens) {
            int next;
            try (NDManager step = manager.newSubManager()) {
                NDArray input = OwnedArrays.of(step, Arrays.copyOf(ids, length), new Shape(1, length));
                NDArray logits = forward(input, false);
                next = (int) logits.get(0, length - 1).argMax().getLong();
            }
            if (next >= 256) {
                break;
            }
            generated[count++] = next;
            ids[length++] = next;
        }
        return tokenizer.decode(Arrays.copyOf(generated, count));
    }

    @Override
    public void close() {
        manager.close();
    }

    private void assignBaseWeights(Map<String, FloatTensor> weights) {
        block.namedParameters().forEach((name, p) -> {
            if (name.contains(".lora_")) {
                return;
            }
            FloatTensor tensor = weights.get(name);
            if (tensor == null) {
                throw new IllegalArgumentException("base model lacks " + name);
            }
            assign(p, tensor, false);
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
