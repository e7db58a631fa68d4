package org.bioinstruct.generator.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.bioinstruct.generator.CandidateTask;
import org.junit.jupiter.api.Test;

/** Every instruction the importer writes must pass the filter's Self-Instruct rules, or imports are wasted. */
class TemplateRulesTest {
    private static final List<String> BLACKLIST = List.of("image", "images", "graph", "graphs", "picture",
            "pictures", "file", "files", "map", "maps", "draw", "plot", "go to", "video", "audio", "music",
            "flowchart", "diagram");
    private static final List<Paraphrases> ALL = List.of(NerTaskWriter.TAG_TEMPLATES, NerTaskWriter.ENTITY_TEMPLATES,
            RelationTsvReader.BINARY_TEMPLATES, RelationTsvReader.CLASS_TEMPLATES, NliReader.TEMPLATES,
            McqaReader.MEDQA_TEMPLATES, McqaReader.PUBMEDQA_TEMPLATES);

    @Test
    void everyFormatHasAtLeastFiveDistinctParaphrases() {
        for (Paraphrases paraphrases : ALL) {
            assertTrue(paraphrases.templates().size() >= 5, paraphrases.templates().toString());
            assertEquals(paraphrases.templates().size(), paraphrases.templates().stream().distinct().count());
        }
    }

    @Test
    void everyTemplatedInstructionPassesTheSelfInstructRules() {
        List<CandidateTask> tasks = new ArrayList<>();
        tasks.addAll(Fixtures.read(CorpusFormat.CONLL, "bc5cdr-sample.conll", CorpusOptions.defaults()).tasks());
        tasks.addAll(Fixtures.read(CorpusFormat.RE_TSV, "gad-sample.tsv", CorpusOptions.defaults()).tasks());
        tasks.addAll(Fixtures.read(CorpusFormat.RE_TSV, "chemprot-sample.tsv", CorpusOptions.defaults()).tasks());
        tasks.addAll(Fixtures.read(CorpusFormat.NLI, "mednli-sample.jsonl", CorpusOptions.defaults()).tasks());
        tasks.addAll(Fixtures.read(CorpusFormat.MCQA, "mcqa-sample.jsonl", CorpusOptions.defaults()).tasks());
        List<String> instructions = new ArrayList<>(tasks.stream().map(CandidateTask::instruction).toList());
        for (Paraphrases paraphrases : ALL) {
            instructions.addAll(paraphrases.templates().stream().map(t -> t.replace("{types}", "biomedical")
                    .replace("{pair}", "the two @DRUG$ entities").replace("{choices}", "Answer with the label.")).toList());
        }
        for (String instruction : instructions) {
            assertEquals("", violation(instruction), instruction);
        }
        assertTrue(tasks.stream().noneMatch(t -> t.output().isBlank() || t.output().strip().equals(t.input().strip())));
    }

    private static String violation(String instruction) {
        int words = instruction.strip().split("\\s+").length;
        if (words < 4 || words > 150) {
            return "length " + words;
        }
        if (!Character.isLetter(instruction.charAt(0)) || instruction.charAt(0) > 127) {
            return "first character";
        }
        if (instruction.contains("{")) {
            return "unfilled slot";
        }
        String lower = instruction.toLowerCase(Locale.ROOT);
        return BLACKLIST.stream().filter(w -> Pattern.compile("\\b" + Pattern.quote(w) + "\\b").matcher(lower).find())
                .findFirst().map(w -> "blacklisted " + w).orElse("");
    }
}
