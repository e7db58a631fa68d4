package org.bioinstruct.schemas.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RougeLRepeatedTokensTest {
    @Test
    void repeatedTokensCountOncePerMatch() {
        // candidate [the the cat] vs reference [the cat the cat]: LCS = 3 (the the cat); P = 3/3, R = 3/4
        assertEquals(2 * 1.0 * 0.75 / 1.75, RougeL.fMeasure("the the cat", "the cat the cat"), 1e-12);
    }
}
