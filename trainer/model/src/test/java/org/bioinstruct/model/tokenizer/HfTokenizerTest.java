package org.bioinstruct.model.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.bioinstruct.model.BaseModel;
import org.bioinstruct.model.BaseModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tiny base model's own tokenizer.json, read by the Hugging Face tokenizers library through DJL. */
class HfTokenizerTest {
    @TempDir
    static Path dir;
    static BaseModel base;
    static TextTokenizer tokenizer;

    @BeforeAll
    static void tinyModel() throws IOException {
        base = BaseModels.createOrLoad(dir.resolve("base"), 7);
        tokenizer = base.openTokenizer();
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void roundTripsBiomedicalTextIncludingCharactersOutsideTheVocabulary() {
        for (String text : new String[] {
                "Metformin is a biguanide used for type 2 diabetes mellitus.",
                "### Instruction:\nExtract the gene.\n\n### Input:\nBRCA1 variants.\n\n### Response:\nGene: BRCA1",
                "IL-6 → STAT3 signalling, 5 µg/mL, Δψm ≈ 0.4 — ok 🧬",
                "  two leading spaces, and  double  spaces  "}) {
            int[] ids = tokenizer.encode(text);
            assertEquals(text, tokenizer.decode(ids));
            assertTrue(Arrays.stream(ids).allMatch(id -> id >= 0 && id < tokenizer.vocabSize()));
        }
    }

    @Test
    void unknownCharactersFallBackToByteTokens() {
        int[] ids = tokenizer.encode("🧬");
        assertEquals(5, ids.length, "the word-start marker, then four UTF-8 bytes as <0xNN> tokens");
        assertArrayEquals(new int[] {3 + 0xF0, 3 + 0x9F, 3 + 0xA7, 3 + 0xAC}, Arrays.copyOfRange(ids, 1, 5));
    }

    @Test
    void learnedMergesMakeCommonWordsShort() {
        assertTrue(tokenizer.encode("metformin").length <= 3, Arrays.toString(tokenizer.encode("metformin")));
        String text = "The patient takes metformin for type 2 diabetes mellitus.";
        assertTrue(tokenizer.encode(text).length < text.length() / 3, "BPE compresses the project's own text");
    }

    @Test
    void longTextsAreNeverTruncated() {
        String text = "Pathogenic variants in CFTR cause cystic fibrosis. ".repeat(120);
        int[] ids = tokenizer.encode(text);

        assertTrue(ids.length > 512, "longer than DJL's default truncation: " + ids.length);
        assertEquals(text, tokenizer.decode(ids));
    }

    @Test
    void specialTokensAreAddedAsLlamaDoesWithBosFirst() {
        String text = "Which gene is mutated in Marfan syndrome?";
        int[] plain = tokenizer.encode(text);
        int[] special = tokenizer.encodeWithSpecialTokens(text);

        assertEquals(base.config().bosTokenId(), special[0]);
        assertArrayEquals(plain, Arrays.copyOfRange(special, 1, special.length));
        assertEquals(text, tokenizer.decode(special), "decode skips special tokens");
    }

    @Test
    void splitsAContinuationWhereTheJointTokenizationSaysItStarts() {
        String context = "Which gene causes cystic fibrosis? Answer:";
        TextTokenizer.Split split = tokenizer.split(context, " CFTR");
        int[] whole = tokenizer.encode(context + " CFTR");

        assertArrayEquals(whole, concat(split.context(), split.continuation()));
        assertEquals(" CFTR", " " + tokenizer.decode(split.continuation()), "the continuation keeps its own text");
        assertTrue(split.continuation().length > 0 && split.context().length > 0);
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void tokenizerFilesDescribeALlamaStyleTokenizer() throws IOException {
        JsonNode json = new ObjectMapper().readTree(base.dir().resolve("tokenizer.json").toFile());
        JsonNode config = new ObjectMapper().readTree(base.dir().resolve("tokenizer_config.json").toFile());

        assertEquals("BPE", json.at("/model/type").asText());
        assertTrue(json.at("/model/byte_fallback").asBoolean());
        assertEquals(base.config().vocabSize(), json.at("/model/vocab").size());
        assertEquals(1, json.at("/model/vocab/<s>").asInt());
        assertEquals(2, json.at("/model/vocab/<~1s>").asInt());
        assertEquals("<s>", config.get("bos_token").asText());
        assertEquals(base.config().eosTokenId(), tokenizer.eosId());
        assertEquals(tokenizer.eosId(), tokenizer.padId(), "LLaMA has no pad token: EOS pads");
    }
}
