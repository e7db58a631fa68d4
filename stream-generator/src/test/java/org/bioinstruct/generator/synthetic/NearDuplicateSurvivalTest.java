package org.bioinstruct.generator.synthetic;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.bioinstruct.generator.synthetic.FilterReplay.Kind;
import org.bioinstruct.generator.synthetic.FilterReplay.Outcome;
import org.bioinstruct.schemas.avro.Category;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The offline dataset survives Self-Instruct's near-duplicate rule: with the filter's rules replayed in
 * generation order on 10,000 tasks (seed 42), most clean tasks are accepted while the deliberate
 * duplicates, rewordings and rule breakers keep their shares and are caught.
 */
class NearDuplicateSurvivalTest {
    private static final int COUNT = 10_000;
    private static List<Outcome> outcomes;

    @BeforeAll
    static void replay() {
        long start = System.nanoTime();
        outcomes = FilterReplay.replay(new SyntheticBackend(42).nextBatch(COUNT));
        System.out.printf("replayed %d tasks through the ROUGE-L rule in %.1f s%n", COUNT,
                (System.nanoTime() - start) / 1e9);
    }

    @Test
    void survivesTheRougeLNearDuplicateFilter() {
        List<Outcome> clean = of(o -> o.kind() == Kind.CLEAN);
        double survival = share(clean, Outcome::accepted);
        System.out.printf("clean tasks %d, accepted %d, survival %.3f%n", clean.size(),
                clean.stream().filter(Outcome::accepted).count(), survival);
        clean.stream().filter(o -> !o.accepted()).limit(3).forEach(o -> System.out.printf(
                "  rejected at %.2f:%n    %s%n    %s%n", o.similarity(), text(o), o.nearest()));
        assertTrue(survival >= 0.8, "clean survival " + survival);
    }

    @Test
    void everyCategorySurvivesAndStaysWellRepresented() {
        Map<Category, int[]> byCategory = new EnumMap<>(Category.class);
        for (Outcome o : of(o -> o.kind() == Kind.CLEAN)) {
            int[] counts = byCategory.computeIfAbsent(o.task().proposedCategory(), c -> new int[2]);
            counts[0]++;
            counts[1] += o.accepted() ? 1 : 0;
        }
        long accepted = of(Outcome::accepted).size();
        for (Category category : Category.values()) {
            int[] counts = byCategory.getOrDefault(category, new int[2]);
            double survival = counts[1] / (double) Math.max(1, counts[0]);
            double mix = counts[1] / (double) accepted;
            System.out.printf("%-5s clean %4d accepted %4d survival %.3f share of accepted %.3f%n", category,
                    counts[0], counts[1], survival, mix);
            assertTrue(survival >= 0.7, category + " survival " + survival);
            assertTrue(mix >= 0.10, category + " share of accepted " + mix);
        }
    }

    @Test
    void deliberateDuplicatesRewordingsAndRuleBreakersKeepAboutFivePercentEach() {
        for (Kind kind : List.of(Kind.EXACT_DUPLICATE, Kind.NEAR_DUPLICATE, Kind.RULE_BREAKER)) {
            double share = of(o -> o.kind() == kind).size() / (double) COUNT;
            System.out.printf("%s share %.3f%n", kind, share);
            assertTrue(share >= 0.04 && share <= 0.06, kind + " share " + share);
        }
    }

    @Test
    void nearlyEveryRewordingIsCaughtByTheRougeLRule() {
        List<Outcome> rewordings = of(o -> o.kind() == Kind.NEAR_DUPLICATE);
        double caught = share(rewordings, o -> !o.accepted());
        System.out.printf("rewordings %d, rejected by ROUGE-L %.3f%n", rewordings.size(), caught);
        assertTrue(caught >= 0.95, "rewordings caught " + caught);
    }

    private static List<Outcome> of(Predicate<Outcome> which) {
        return outcomes.stream().filter(which).toList();
    }

    private static double share(List<Outcome> among, Predicate<Outcome> which) {
        return among.stream().filter(which).count() / (double) among.size();
    }

    private static String text(Outcome o) {
        return o.task().instruction() + " " + o.task().input();
    }
}
