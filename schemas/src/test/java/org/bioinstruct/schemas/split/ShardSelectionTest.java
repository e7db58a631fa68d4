package org.bioinstruct.schemas.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.bioinstruct.schemas.avro.Split;
import org.bioinstruct.schemas.config.InvalidConfigException;
import org.bioinstruct.schemas.config.Settings;
import org.junit.jupiter.api.Test;

class ShardSelectionTest {

    @Test
    void keepsEveryEvalExampleButOnlyTheTrainExamplesOfSelectedCategories() {
        SplitAssigner splits = new SplitAssigner(0.3);
        ShardSelection qaAndGen = new ShardSelection(splits, List.of("QA", "GEN"));
        List<String> ids = IntStream.range(0, 400).mapToObj(i -> "inst-" + i).toList();

        for (String id : ids) {
            assertTrue(qaAndGen.sharded(id, "QA"), id);
            assertTrue(qaAndGen.sharded(id, "GEN"), id);
            for (String unselected : List.of("IE", "OTHER")) {
                assertEquals(splits.splitOf(id, unselected) == Split.EVAL, qaAndGen.sharded(id, unselected), id);
            }
        }
        assertTrue(ids.stream().anyMatch(id -> qaAndGen.sharded(id, "IE")), "some IE examples are EVAL");
        assertTrue(ids.stream().anyMatch(id -> !qaAndGen.sharded(id, "IE")), "some IE examples are TRAIN");
    }

    @Test
    void readsAnExampleThroughItsIdAndCategory() {
        ShardSelection qaOnly = new ShardSelection(new SplitAssigner(0.0), List.of("QA"));
        assertTrue(qaOnly.sharded(example("a", "QA")));
        assertFalse(qaOnly.sharded(example("a", "IE")));
        assertTrue(new ShardSelection(new SplitAssigner(0.0, Map.of("IE", 1.0)), List.of("QA"))
                .sharded(example("a", "IE")), "an EVAL example of an unselected category");
    }

    @Test
    void selectsEveryCategoryWithTheShardBuilderDefaults() {
        ShardSelection defaults = ShardSelection.from(Settings.of(Map.of()));

        assertEquals(List.of("QA", "IE", "GEN", "OTHER"), defaults.trainingCategories());
        assertTrue(defaults.selectsEveryCategory());
        assertEquals(0.1, defaults.splits().evalFraction());
        assertEquals(Map.of(), defaults.splits().categoryEvalFractions());
        assertTrue(ShardSelection.from(Settings.of(Map.of("shards.categories", "all"))).selectsEveryCategory());
    }

    @Test
    void readsTheCategoriesAndEvalFractionsOfTheShardBuilderSettings() {
        ShardSelection selection = ShardSelection.from(Settings.of(Map.of("shards.categories", " gen, qa ",
                "shards.eval.fraction", "0.2", "shards.eval.fraction.IE", "0.5")));

        assertEquals(List.of("QA", "GEN"), selection.trainingCategories(), "in category order");
        assertFalse(selection.selectsEveryCategory());
        assertEquals(0.2, selection.splits().fractionOf("QA"));
        assertEquals(0.5, selection.splits().fractionOf("IE"));
    }

    @Test
    void takesTheCategoriesOfAMixtureWhenNoneAreListed() {
        assertEquals(List.of("GEN", "QA"), ShardSelection.from(Settings.of(Map.of("shards.mixture", "GEN:1,qa:3")))
                .trainingCategories(), "in the mixture's order");
        assertEquals(List.of("IE", "QA"), ShardSelection.from(Settings.of(Map.of("shards.mixture", "IE:1,QA:1",
                "shards.categories", "QA,IE"))).trainingCategories());
    }

    @Test
    void namesTheInvalidKey() {
        assertEquals("shards.categories", failure(Map.of("shards.categories", "QA,MATH")).key());
        assertEquals("shards.eval.fraction", failure(Map.of("shards.eval.fraction", "1.5")).key());
        assertEquals("shards.eval.fraction.QA", failure(Map.of("shards.eval.fraction.QA", "two")).key());
        assertEquals("shards.eval.fraction.XX", failure(Map.of("shards.eval.fraction.XX", "0.1")).key());
        assertEquals("shards.mixture", failure(Map.of("shards.mixture", "QA")).key());
        assertEquals("shards.mixture", failure(Map.of("shards.mixture", "QA:1,MATH:1")).key());
        assertEquals("shards.categories", failure(Map.of("shards.mixture", "QA:1,IE:1", "shards.categories", "QA"))
                .key(), "a list that differs from the mixture's categories");
    }

    @Test
    void rejectsAnUnknownCategory() {
        assertThrows(IllegalArgumentException.class, () -> new ShardSelection(new SplitAssigner(0.1), List.of("MATH")));
    }

    private static InvalidConfigException failure(Map<String, String> settings) {
        return assertThrows(InvalidConfigException.class, () -> ShardSelection.from(Settings.of(settings)));
    }

    private static CategorizedExample example(String id, String category) {
        return new CategorizedExample() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String category() {
                return category;
            }
        };
    }
}
