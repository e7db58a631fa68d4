package org.bioinstruct.trainer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bioinstruct.schemas.avro.Category;
import org.junit.jupiter.api.Test;

class PromptFormatTest {
    private final ByteTokenizer tokenizer = new ByteTokenizer();

    @Test
    void includesInputSectionOnlyWhenPresent() {
        assertEquals("### Instruction:\nName it.\n\n### Input:\nA cell.\n\n### Response:\n",
                PromptFormat.prompt("Name it.", "A cell."));
        assertEquals("### Instruction:\nName it.\n\n### Response:\n", PromptFormat.prompt("Name it.", ""));
    }

    @Test
    void encodesBosPromptResponseEos() {
        Example example = new Example("1", "Say hi.", "", "hi", Category.GEN, "test");
        PromptFormat.TokenSequence seq = PromptFormat.encode(example, tokenizer, 256);
        int[] tokens = seq.tokens();

        assertEquals(ByteTokenizer.BOS, tokens[0]);
        assertEquals(ByteTokenizer.EOS, tokens[tokens.length - 1]);
        assertEquals("hi", tokenizer.decode(java.util.Arrays.copyOfRange(tokens, seq.responseStart(), tokens.length)));
        assertEquals(PromptFormat.prompt(example), tokenizer.decode(java.util.Arrays.copyOfRange(tokens, 1, seq.responseStart())));
    }

    @Test
    void truncatesLongExamplesButKeepsResponseHeaderAndSomeResponse() {
        Example example = new Example("1", "x".repeat(500), "y".repeat(300), "z".repeat(400), Category.QA, "test");
        PromptFormat.TokenSequence seq = PromptFormat.encode(example, tokenizer, 64);

        assertEquals(65, seq.tokens().length);
        String prompt = tokenizer.decode(java.util.Arrays.copyOfRange(seq.tokens(), 1, seq.responseStart()));
        assertTrue(prompt.endsWith("### Response:\n"), prompt);
        assertTrue(seq.tokens().length - seq.responseStart() >= 32);
    }

    @Test
    void byteTokenizerRoundTripsUtf8() {
        String text = "IL-6 → STAT3 signalling, 5 µg/mL";
        assertEquals(text, tokenizer.decode(tokenizer.encode(text)));
    }
}
