package org.bioinstruct.filter.category;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bioinstruct.schemas.avro.Category;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Quality of the bundled classifier on hand-written tasks it was not trained on. */
class HeldOutEvaluationTest {
    static final double ACCURACY_FLOOR = 0.85;
    static final double RECALL_FLOOR = 0.75;
    static final double CALIBRATION_ERROR_CEILING = 0.10;
    private static final int BINS = 10;

    private static List<LabelledTask> heldOut;
    private static List<Prediction> predictions;
    private static final CategoryClassifier CLASSIFIER = CategoryClassifier.trained();

    @BeforeAll
    static void classifyHeldOutSet() {
        heldOut = LabelledTasks.fromResource("category/heldout-v1.jsonl");
        predictions = new ArrayList<>();
        for (LabelledTask task : heldOut) {
            predictions.add(CLASSIFIER.classify(task.instruction(), task.input(), null));
        }
    }

    @Test
    void heldOutSetIsLargeBalancedAndDisjointFromTraining() {
        assertTrue(heldOut.size() >= 200, "held-out tasks " + heldOut.size());
        for (Category category : Category.values()) {
            long count = heldOut.stream().filter(task -> task.category() == category).count();
            assertTrue(count >= heldOut.size() / 5, category + " has only " + count);
        }
        Set<String> training = new HashSet<>();
        LabelledTasks.fromResource(CategoryClassifier.TRAINING_RESOURCE)
                .forEach(task -> training.add(normalized(task.instruction())));
        heldOut.forEach(task -> assertTrue(!training.contains(normalized(task.instruction())),
                "also in training: " + task.instruction()));
    }

    @Test
    void accuracyWithoutProposalsMeetsTheFloor() {
        ConfusionMatrix matrix = new ConfusionMatrix();
        for (int i = 0; i < heldOut.size(); i++) {
            matrix.add(heldOut.get(i).category(), predictions.get(i).category());
        }
        System.out.println("Held-out confusion matrix (no proposals):\n" + matrix);
        printMistakes();
        assertTrue(matrix.accuracy() >= ACCURACY_FLOOR, "accuracy " + matrix.accuracy());
        for (Category category : Category.values()) {
            assertTrue(matrix.recall(category) >= RECALL_FLOOR, category + " recall " + matrix.recall(category));
        }
    }

    @Test
    void confidenceIsCalibratedOnHeldOutTasks() {
        double[] confidenceSum = new double[BINS];
        int[] correct = new int[BINS];
        int[] count = new int[BINS];
        for (int i = 0; i < heldOut.size(); i++) {
            Prediction prediction = predictions.get(i);
            int bin = Math.min(BINS - 1, (int) (prediction.confidence() * BINS));
            confidenceSum[bin] += prediction.confidence();
            count[bin]++;
            if (prediction.category() == heldOut.get(i).category()) {
                correct[bin]++;
            }
        }
        double expectedCalibrationError = 0;
        for (int bin = 0; bin < BINS; bin++) {
            if (count[bin] > 0) {
                expectedCalibrationError += Math.abs(confidenceSum[bin] - correct[bin]) / heldOut.size();
            }
        }
        System.out.printf(Locale.ROOT, "Held-out expected calibration error %.3f (temperature %.2f)%n",
                expectedCalibrationError, CLASSIFIER.temperature());
        assertTrue(expectedCalibrationError <= CALIBRATION_ERROR_CEILING, "ECE " + expectedCalibrationError);
    }

    @Test
    void rightAnswersAreMoreConfidentThanWrongOnes() {
        double right = meanConfidence(true);
        double wrong = meanConfidence(false);
        assertTrue(right > wrong, "right " + right + " wrong " + wrong);
    }

    @Test
    void aCorrectProposalNeverHurtsAndAWrongOneRarelyFlipsTheText() {
        int correctWithTrueProposal = 0;
        int flippedByWrongProposal = 0;
        int wrongProposals = 0;
        for (int i = 0; i < heldOut.size(); i++) {
            LabelledTask task = heldOut.get(i);
            boolean rightAlone = predictions.get(i).category() == task.category();
            Prediction withTruth = CLASSIFIER.classify(task.instruction(), task.input(), task.category());
            assertTrue(!rightAlone || withTruth.category() == task.category(), task.instruction());
            correctWithTrueProposal += withTruth.category() == task.category() ? 1 : 0;
            for (Category proposal : Category.values()) {
                if (proposal != task.category() && rightAlone) {
                    wrongProposals++;
                    Prediction withWrong = CLASSIFIER.classify(task.instruction(), task.input(), proposal);
                    flippedByWrongProposal += withWrong.category() != task.category() ? 1 : 0;
                }
            }
        }
        System.out.printf(Locale.ROOT, "Held-out accuracy with the true category proposed %.3f; "
                        + "wrong proposals that flipped a right prediction %d of %d%n",
                (double) correctWithTrueProposal / heldOut.size(), flippedByWrongProposal, wrongProposals);
        assertTrue(flippedByWrongProposal <= wrongProposals * 0.05, "flipped " + flippedByWrongProposal);
    }

    @Test
    void classificationIsDeterministic() {
        CategoryClassifier retrained = CategoryClassifier.train(
                LabelledTasks.fromResource(CategoryClassifier.TRAINING_RESOURCE));
        assertEquals(CLASSIFIER.temperature(), retrained.temperature());
        for (int i = 0; i < heldOut.size(); i++) {
            LabelledTask task = heldOut.get(i);
            assertEquals(predictions.get(i), retrained.classify(task.instruction(), task.input(), null));
        }
    }

    private double meanConfidence(boolean right) {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < heldOut.size(); i++) {
            if ((predictions.get(i).category() == heldOut.get(i).category()) == right) {
                sum += predictions.get(i).confidence();
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    private void printMistakes() {
        for (int i = 0; i < heldOut.size(); i++) {
            LabelledTask task = heldOut.get(i);
            Prediction prediction = predictions.get(i);
            if (prediction.category() != task.category()) {
                System.out.println("  expected " + task.category() + ": " + task.instruction() + " -> "
                        + prediction.explanation());
            }
        }
    }

    private static String normalized(String text) {
        return String.join(" ", TaskFeatures.words(text));
    }
}
