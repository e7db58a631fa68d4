package org.bioinstruct.generator.synthetic;

import org.bioinstruct.generator.CandidateTask;
import org.bioinstruct.generator.ContentKey;
import org.bioinstruct.generator.GenerationBackend;
import org.bioinstruct.generator.LongHashSet;
import org.bioinstruct.generator.Reservoir;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bioinstruct.schemas.avro.Category;

/**
 * Offline backend: writes biomedical tasks of every category from the {@link Lexicon}, deterministically
 * for a seed. Like a real LLM backend it sometimes repeats an earlier task word for word, sometimes
 * rewords one slightly (a near duplicate) and sometimes writes one that breaks a validation rule, each
 * in a controlled share, so the filter has real work. Apart from the exact repeats every task is distinct
 * after normalization.
 */
public final class SyntheticBackend implements GenerationBackend {
    public static final String SOURCE = "synthetic";
    public static final String PROMPT_VERSION = "synthetic-v2";
    public static final double DUPLICATE_SHARE = 0.05;
    public static final double FLAWED_SHARE = 0.05;
    public static final double NEAR_DUPLICATE_SHARE = 0.05;
    /** Clean tasks remembered for repeats and rewordings; up to here the sample is every clean task. */
    static final int REMEMBERED = 10_000;
    /** Attempts to find a task not emitted before; after that a repeat is accepted rather than looping forever. */
    private static final int MAX_ATTEMPTS = 64;
    private static final double[] CATEGORY_CUMULATIVE = {0.35, 0.60, 0.85, 1.0};
    private static final Category[] CATEGORY_ORDER = {Category.QA, Category.IE, Category.GEN, Category.OTHER};

    private final Pick pick;
    private final Map<Category, List<TaskTemplate>> templates = new EnumMap<>(Category.class);
    private final List<TaskTemplate> flawed = FlawedTemplates.all();
    private final LongHashSet emittedContent = new LongHashSet();
    /**
     * A uniform sample (reservoir) of the clean tasks emitted so far, where repeats and rewordings come
     * from: bounded, so a run of millions of tasks holds as much memory as one of ten thousand.
     */
    private final Reservoir<CandidateTask> cleanEmitted;

    public SyntheticBackend(long seed) {
        this.pick = new Pick(seed);
        this.cleanEmitted = new Reservoir<>(REMEMBERED, pick::unit);
        templates.put(Category.QA, QaTemplates.all());
        templates.put(Category.IE, IeTemplates.all());
        templates.put(Category.GEN, GenTemplates.all());
        templates.put(Category.OTHER, OtherTemplates.all());
    }

    /** How many task templates this backend draws from, rule-breaking ones included. */
    public static int templateCount() {
        return QaTemplates.all().size() + IeTemplates.all().size() + GenTemplates.all().size()
                + OtherTemplates.all().size() + FlawedTemplates.all().size();
    }

    @Override
    public String source() {
        return SOURCE;
    }

    @Override
    public String promptVersion() {
        return PROMPT_VERSION;
    }

    @Override
    public List<CandidateTask> nextBatch(int size) {
        List<CandidateTask> batch = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            batch.add(next());
        }
        return batch;
    }

    private CandidateTask next() {
        double roll = pick.unit();
        if (roll < DUPLICATE_SHARE && cleanEmitted.size() > 0) {
            return pick.one(cleanEmitted.items());
        }
        if (roll < DUPLICATE_SHARE + FLAWED_SHARE) {
            return fresh(flawed);
        }
        if (roll < DUPLICATE_SHARE + FLAWED_SHARE + NEAR_DUPLICATE_SHARE && cleanEmitted.size() > 0) {
            CandidateTask reworded = NearDuplicates.reword(pick.one(cleanEmitted.items()), pick);
            if (emittedContent.add(ContentKey.hash64(reworded.instruction(), reworded.input()))) {
                return reworded;
            }
        }
        CandidateTask task = fresh(templates.get(category(pick.unit())));
        cleanEmitted.offer(task);
        return task;
    }

    /** Clean tasks held for repeats and rewordings. */
    int remembered() {
        return cleanEmitted.size();
    }



    private CandidateTask fresh(List<TaskTemplate> from) {
        CandidateTask task = null;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            task = pick.one(from).generate(pick);
            if (emittedContent.add(ContentKey.hash64(task.instruction(), task.input()))) {
                return task;
            }
        }
        return task;
    }

    private static Category category(double roll) {
        for (int i = 0; i < CATEGORY_CUMULATIVE.length; i++) {
            if (roll < CATEGORY_CUMULATIVE[i]) {
                return CATEGORY_ORDER[i];
            }
        }
        return Category.OTHER;
    }
}
