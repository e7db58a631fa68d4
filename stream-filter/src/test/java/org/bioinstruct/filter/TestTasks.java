package org.bioinstruct.filter;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.bioinstruct.schemas.avro.Category;
import org.bioinstruct.schemas.avro.RawInstruction;

/** Raw tasks for the filter's broker tests. */
final class TestTasks {
    private TestTasks() {
    }

    /** Words no other task shares by accident: random syllable strings. */
    static String words(Random random, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : " ");
            for (int s = 0; s < 3; s++) {
                text.append("bcdfghklmnprstvz".charAt(random.nextInt(16))).append("aeiou".charAt(random.nextInt(5)));
            }
        }
        return text.toString();
    }

    static RawInstruction task(String id, String instruction, String input, String output) {
        return RawInstruction.newBuilder()
                .setId(id)
                .setRunId("it")
                .setInstruction(instruction)
                .setInput(input)
                .setOutput(output)
                .setProposedCategory(Category.GEN)
                .setSource("test")
                .setPromptVersion(null)
                .setSeedIds(List.of())
                .setCreatedAt(Instant.now())
                .build();
    }
}
