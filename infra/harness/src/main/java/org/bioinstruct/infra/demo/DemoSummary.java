package org.bioinstruct.infra.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bioinstruct.infra.pipeline.Completion;
import org.bioinstruct.infra.pipeline.PipelineCounts;
import org.bioinstruct.schemas.avro.AdapterCheckpoint;
import org.bioinstruct.schemas.avro.EvalMetric;
import org.bioinstruct.schemas.avro.Split;

/**
 * The figures a demo run ends with; {@code reconciled} decides the exit code.
 *
 * @param acceptedOutsideSelectedCategories accepted training examples that {@code shards.categories} keeps out
 *                                          of shards (0 when every category is selected)
 */
public record DemoSummary(
        long generated,
        long accepted,
        long acceptedOutsideSelectedCategories,
        long rejected,
        Map<String, Long> rejectedByReason,
        long deadLettered,
        int shards,
        int trainShards,
        int evalShards,
        long examplesInShards,
        int adapterVersions,
        long trainingMetrics,
        int evalMetrics,
        List<Map<String, Object>> latestEval,
        double elapsedSeconds,
        boolean reconciled,
        long seed,
        String dataDir) {

    static DemoSummary of(PipelineCounts counts, DemoOptions options, double elapsedSeconds) {
        int latestVersion = counts.latestCheckpoint().map(AdapterCheckpoint::getAdapterVersion).orElse(0);
        List<Map<String, Object>> latestEval = counts.evalMetricsOf(latestVersion).stream()
                .map(DemoSummary::describe).toList();
        return new DemoSummary(counts.generated(), counts.accepted(), counts.acceptedOutsideSelectedCategories(),
                counts.rejected(), counts.rejectedByReason(), counts.deadLettered(), counts.shards().size(),
                counts.shardIds(Split.TRAIN).size(), counts.shardIds(Split.EVAL).size(), counts.examplesInShards(),
                counts.checkpoints().size(), counts.trainingMetrics(), counts.evalMetrics().size(), latestEval,
                Math.round(elapsedSeconds * 10) / 10.0, Completion.reconciles(counts, options.count()),
                options.seed(), options.dataDir().toString());
    }

    private static Map<String, Object> describe(EvalMetric metric) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("adapterVersion", metric.getAdapterVersion());
        row.put("category", metric.getCategory() == null ? "ALL" : metric.getCategory().toString());
        row.put("metric", metric.getMetric());
        row.put("value", metric.getValue());
        row.put("baseline", metric.getBaseline());
        row.put("gain", metric.getGain());
        row.put("n", metric.getN());
        return row;
    }

    public void write(Path file) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), this);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
