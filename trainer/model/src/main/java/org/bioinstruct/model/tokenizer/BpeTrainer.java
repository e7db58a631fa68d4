package org.bioinstruct.model.tokenizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Trains a byte-fallback BPE vocabulary on text and writes it as a Hugging Face {@code tokenizer.json} laid out
 * like LLaMA 2's: specials {@code <unk>} 0, {@code <s>} 1, {@code </s>} 2, byte tokens {@code <0x00>..<0xFF>},
 * then characters and merges; spaces normalized to U+2581 with one prepended; a post-processor that adds BOS;
 * a decoder that undoes all of it. Merges never cross a word start or a line break. Deterministic: the most
 * frequent pair wins, ties broken by the pair's text.
 */
public final class BpeTrainer {
    public static final String UNK = "<unk>";
    public static final String BOS = "<s>";
    public static final String EOS = "</s>";
    public static final int BOS_ID = 1;
    public static final int EOS_ID = 2;
    static final String SPACE = "\u2581";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, Integer> vocab = new LinkedHashMap<>();
    private final List<String> merges = new ArrayList<>();

    private BpeTrainer() {
    }

    /** Trains on the texts until the vocabulary holds {@code vocabSize} tokens (or no pair repeats). */
    public static BpeTrainer train(List<String> texts, int vocabSize) {
        BpeTrainer trainer = new BpeTrainer();
        trainer.vocab.put(UNK, 0);
        trainer.vocab.put(BOS, BOS_ID);
        trainer.vocab.put(EOS, EOS_ID);
        for (int b = 0; b < 256; b++) {
            trainer.vocab.put(String.format("<0x%02X>", b), trainer.vocab.size());
        }
        if (vocabSize <= trainer.vocab.size()) {
            throw new IllegalArgumentException("vocabulary of " + vocabSize + " leaves no room beyond bytes and specials");
        }
        Map<String, Integer> wordCounts = words(texts);
        trainer.addAlphabet(wordCounts, vocabSize);
        trainer.merge(wordCounts, vocabSize);
        return trainer;
    }

    public int vocabSize() {
        return vocab.size();
    }

    /** Writes {@code tokenizer.json} and a matching {@code tokenizer_config.json} into the directory. */
    public void write(Path dir, int modelMaxLength) throws IOException {
        JSON.writeValue(dir.resolve(HfTokenizer.FILE_NAME).toFile(), tokenizerJson());
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("tokenizer_class", "LlamaTokenizerFast");
        config.put("bos_token", BOS);
        config.put("eos_token", EOS);
        config.put("unk_token", UNK);
        config.put("pad_token", null);
        config.put("add_bos_token", true);
        config.put("add_eos_token", false);
        config.put("legacy", false);
        config.put("model_max_length", modelMaxLength);
        JSON.writeValue(dir.resolve("tokenizer_config.json").toFile(), config);
    }

    /** Text split as the normalizer sees it: runs of line breaks alone, otherwise a piece per U+2581 word start. */
    private static Map<String, Integer> words(List<String> texts) {
        Map<String, Integer> counts = new HashMap<>();
        for (String text : texts) {
            String normalized = SPACE + text.replace(" ", SPACE);
            int start = 0;
            for (int i = 1; i <= normalized.length(); i++) {
                boolean end = i == normalized.length();
                if (end || startsPiece(normalized, i)) {
                    counts.merge(normalized.substring(start, i), 1, Integer::sum);
                    start = i;
                }
            }
        }
        return counts;
    }

    private static boolean startsPiece(String s, int i) {
        char c = s.charAt(i);
        char previous = s.charAt(i - 1);
        boolean lineBreak = c == '\n' || c == '\r';
        boolean afterLineBreak = previous == '\n' || previous == '\r';
        return c == SPACE.charAt(0) || lineBreak != afterLineBreak;
    }

    private void addAlphabet(Map<String, Integer> wordCounts, int vocabSize) {
        Map<String, Integer> chars = new TreeMap<>();
        wordCounts.forEach((word, count) -> word.codePoints()
                .forEach(cp -> chars.merge(new String(Character.toChars(cp)), count, Integer::sum)));
        chars.entrySet().stream()
                .sorted((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey()) : b.getValue() - a.getValue())
                .limit(vocabSize - vocab.size())
                .forEach(e -> vocab.put(e.getKey(), vocab.size()));
    }

    private void merge(Map<String, Integer> wordCounts, int vocabSize) {
        List<List<String>> words = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        wordCounts.forEach((word, count) -> {
            List<String> symbols = new ArrayList<>();
            word.codePoints().forEach(cp -> symbols.add(new String(Character.toChars(cp))));
            words.add(symbols);
            counts.add(count);
        });
        while (vocab.size() < vocabSize) {
            String[] best = mostFrequentPair(words, counts);
            if (best == null) {
                return;
            }
            String merged = best[0] + best[1];
            merges.add(best[0] + " " + best[1]);
            vocab.putIfAbsent(merged, vocab.size());
            for (List<String> word : words) {
                for (int i = 0; i + 1 < word.size(); i++) {
                    if (word.get(i).equals(best[0]) && word.get(i + 1).equals(best[1])) {
                        word.set(i, merged);
                        word.remove(i + 1);
                    }
                }
            }
        }
    }

    /** The pair of known symbols seen most often (at least twice), or null. */
    private String[] mostFrequentPair(List<List<String>> words, List<Integer> counts) {
        Map<String, Integer> pairs = new HashMap<>();
        for (int w = 0; w < words.size(); w++) {
            List<String> word = words.get(w);
            for (int i = 0; i + 1 < word.size(); i++) {
                if (vocab.containsKey(word.get(i)) && vocab.containsKey(word.get(i + 1))) {
                    pairs.merge(word.get(i) + " " + word.get(i + 1), counts.get(w), Integer::sum);
                }
            }
        }
        String best = null;
        int bestCount = 1;
        for (Map.Entry<String, Integer> e : pairs.entrySet()) {
            if (e.getValue() > bestCount || (e.getValue() == bestCount && best != null && e.getKey().compareTo(best) < 0)) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        return best == null ? null : best.split(" ", 2);
    }

    private Map<String, Object> tokenizerJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", "1.0");
        out.put("truncation", null);
        out.put("padding", null);
        out.put("added_tokens", List.of(special(0, UNK), special(BOS_ID, BOS), special(EOS_ID, EOS)));
        out.put("normalizer", Map.of("type", "Sequence", "normalizers", List.of(
                Map.of("type", "Prepend", "prepend", SPACE),
                Map.of("type", "Replace", "pattern", Map.of("String", " "), "content", SPACE))));
        out.put("pre_tokenizer", null);
        out.put("post_processor", postProcessor());
        out.put("decoder", Map.of("type", "Sequence", "decoders", List.of(
                Map.of("type", "Replace", "pattern", Map.of("String", SPACE), "content", " "),
                Map.of("type", "ByteFallback"),
                Map.of("type", "Fuse"),
                Map.of("type", "Strip", "content", " ", "start", 1, "stop", 0))));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("type", "BPE");
        model.put("dropout", null);
        model.put("unk_token", UNK);
        model.put("continuing_subword_prefix", null);
        model.put("end_of_word_suffix", null);
        model.put("fuse_unk", true);
        model.put("byte_fallback", true);
        model.put("ignore_merges", false);
        model.put("vocab", vocab);
        model.put("merges", merges);
        out.put("model", model);
        return out;
    }

    private static Map<String, Object> special(int id, String content) {
        Map<String, Object> token = new LinkedHashMap<>();
        token.put("id", id);
        token.put("content", content);
        token.put("single_word", false);
        token.put("lstrip", false);
        token.put("rstrip", false);
        token.put("normalized", false);
        token.put("special", true);
        return token;
    }

    private static Map<String, Object> postProcessor() {
        Map<String, Object> bos = Map.of("SpecialToken", Map.of("id", BOS, "type_id", 0));
        return Map.of("type", "TemplateProcessing",
                "single", List.of(bos, Map.of("Sequence", Map.of("id", "A", "type_id", 0))),
                "pair", List.of(bos, Map.of("Sequence", Map.of("id", "A", "type_id", 0)),
                        bos, Map.of("Sequence", Map.of("id", "B", "type_id", 1))),
                "special_tokens", Map.of(BOS, Map.of("id", BOS, "ids", List.of(BOS_ID), "tokens", List.of(BOS))));
    }
}
