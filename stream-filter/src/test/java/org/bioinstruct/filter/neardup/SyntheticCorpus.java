package org.bioinstruct.filter.neardup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.bioinstruct.schemas.text.RougeTokenizer;

/**
 * Instruction-like tasks for tests and benchmarks, deterministic under a seed. Words follow one Zipf law
 * (exponent 1) over a vocabulary of common English and instruction words (a short list of our own, then
 * the words of the index's frequency list: in real text the top few hundred ranks are such words)
 * followed by 20,000 invented biomedical terms, which make the long tail; numbers come from inputs. Texts have
 * 8 to about 80 tokens (an instruction of 8 to 24 words, and for 60% of tasks an input). A share of tasks are
 * planted near-duplicates: an earlier task with one to three edits (insert, delete or substitute a word,
 * swap the clauses around the middle, prepend "Please").
 */
public final class SyntheticCorpus {
    /** A generated task; {@code planted} when it was made by editing an earlier one. */
    public record Task(String id, String instruction, String input, boolean planted) {
        public String text() {
            return ComparedText.INSTRUCTION_AND_INPUT.of(instruction, input);
        }
    }

    private static final String[] COMMON = ("the of and to a in is that for it on with as be are this by or an "
            + "was from at which not given following text patient patients clinical disease treatment drug gene "
            + "protein cell symptoms diagnosis risk study what how does can should you your if then than have "
            + "has been were about into after before between during all some many most other such these those "
            + "based list identify answer question sentence passage provide describe explain summarize classify "
            + "determine output input each one two three new used using associated level type response "
            + "increase decrease high low significant factor analysis data method function cause infection "
            + "hospital doctor pain heart brain liver kidney lung skin children adult women men dose trial "
            + "evidence outcome their its also may including whether while because both either any only more "
            + "less well very first second normal severe acute chronic positive negative").split(" ");
    private static final String[] VERBS = {"Summarize", "Classify", "Extract", "Identify", "Explain", "List",
        "Determine", "Describe", "Given", "Answer", "Predict", "Compare", "Rewrite", "Name", "Find", "Assess"};
    private static final String[] PREFIXES = {"cardio", "neuro", "hepato", "nephro", "gastro", "pulmo", "osteo",
        "dermato", "hemato", "immuno", "myo", "onco", "endo", "angio", "broncho", "cyto", "lympho", "thrombo",
        "glyco", "lipo", "pneumo", "retino", "spleno", "thyro"};
    private static final String[] ROOTS = {"cyt", "gen", "path", "troph", "plas", "lys", "stat", "kin", "mod",
        "sclero", "fibr", "phag", "tox", "vasc", "morph", "glob", "trop", "zol", "prazol", "mycin", "vir",
        "sart", "olol", "dipine", "tinib", "lumab", "cept", "statin", "parin", "oxacin", "dron", "gliptin"};
    private static final String[] SUFFIXES = {"itis", "osis", "ase", "in", "emia", "oma", "pathy", "genesis",
        "ine", "ide", "ate", "ic", "al", "ous", "ectomy", "ogram", "ology", "plasty", "uria", "algia", "ide2",
        "a1", "b", "x"};
    private static final int TERMS = 20_000;
    private static final String[] VOCABULARY = vocabulary();
    private static final double[] CUMULATIVE = zipf(VOCABULARY.length, 1.0);

    private final SplittableRandom random;
    private final double nearDuplicateRate;
    private final List<Task> emitted = new ArrayList<>();

    public SyntheticCorpus(long seed, double nearDuplicateRate) {
        this.random = new SplittableRandom(seed);
        this.nearDuplicateRate = nearDuplicateRate;
    }

    public List<Task> take(int count) {
        List<Task> tasks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            tasks.add(next());
        }
        return tasks;
    }

    public Task next() {
        String id = new UUID(random.nextLong(), random.nextLong()).toString();
        Task task = !emitted.isEmpty() && random.nextDouble() < nearDuplicateRate
                ? edited(id, emitted.get(random.nextInt(emitted.size())))
                : new Task(id, instruction(), random.nextDouble() < 0.6 ? input() : "", false);
        emitted.add(task);
        return task;
    }

    private String instruction() {
        StringBuilder text = new StringBuilder(VERBS[random.nextInt(VERBS.length)]);
        int words = 7 + random.nextInt(17);
        for (int i = 0; i < words; i++) {
            text.append(i == words / 2 && random.nextBoolean() ? ", " : " ").append(word());
        }
        return text.append(random.nextInt(4) == 0 ? "?" : ".").toString();
    }

    private String input() {
        StringBuilder text = new StringBuilder();
        int words = 2 + random.nextInt(49);
        for (int i = 0; i < words; i++) {
            String word = word();
            if (random.nextInt(25) == 0) {
                word = word.toUpperCase() + "-" + random.nextInt(20);
            } else if (random.nextInt(30) == 0) {
                word = random.nextInt(100) + "." + random.nextInt(10) + " mg";
            }
            text.append(i == 0 ? "" : " ").append(word).append(random.nextInt(12) == 0 ? "." : "");
        }
        return text.toString();
    }

    private Task edited(String id, Task original) {
        List<String> words = new ArrayList<>(Arrays.asList(original.instruction().split(" ")));
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            edit(words);
        }
        return new Task(id, String.join(" ", words), original.input(), true);
    }

    private void edit(List<String> words) {
        int at = random.nextInt(words.size());
        switch (random.nextInt(5)) {
            case 0 -> words.add(at, word());
            case 1 -> {
                if (words.size() > 4) {
                    words.remove(at);
                }
            }
            case 2 -> words.set(at, word());
            case 3 -> {
                List<String> head = new ArrayList<>(words.subList(0, words.size() / 2));
                words.subList(0, words.size() / 2).clear();
                words.addAll(head);
            }
            default -> words.add(0, "Please");
        }
    }

    private String word() {
        int index = Arrays.binarySearch(CUMULATIVE, random.nextDouble());
        return VOCABULARY[Math.min(index < 0 ? -index - 1 : index, VOCABULARY.length - 1)];
    }

    private static String[] vocabulary() {
        Set<String> words = new LinkedHashSet<>(Arrays.asList(COMMON));
        words.addAll(frequentWords());
        SplittableRandom terms = new SplittableRandom(20_240_601L);
        int common = words.size();
        while (words.size() < common + TERMS) {
            String term = PREFIXES[terms.nextInt(PREFIXES.length)] + ROOTS[terms.nextInt(ROOTS.length)]
                    + SUFFIXES[terms.nextInt(SUFFIXES.length)];
            words.add(terms.nextInt(6) == 0 ? term + terms.nextInt(1, 30) : term);
        }
        return words.toArray(String[]::new);
    }

    /** The index's own list of frequent words, as the rest of the head: real text's head is common English. */
    private static List<String> frequentWords() {
        try (var in = SyntheticCorpus.class.getResourceAsStream(TokenOrder.RESOURCE)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("#") && !line.matches(".*[0-9].*"))
                    .flatMap(line -> RougeTokenizer.tokens(line).stream()).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static double[] zipf(int size, double exponent) {
        double[] cumulative = new double[size];
        double total = 0;
        for (int rank = 1; rank <= size; rank++) {
            total += 1 / Math.pow(rank, exponent);
            cumulative[rank - 1] = total;
        }
        for (int i = 0; i < size; i++) {
            cumulative[i] /= total;
        }
        return cumulative;
    }
}
