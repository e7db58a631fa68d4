package org.bioinstruct.infra.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityResult;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility;

/** Decides whether a candidate schema may follow earlier versions under a level, using Avro's own checker. */
public final class CompatibilityChecker {

    /**
     * Every incompatibility of {@code candidate} with {@code earlierOldestFirst} under {@code level};
     * empty means compatible. Non-transitive levels look at the last earlier version only.
     */
    public List<String> incompatibilities(Schema candidate, List<Schema> earlierOldestFirst, CompatibilityLevel level) {
        if (level == CompatibilityLevel.NONE || earlierOldestFirst.isEmpty()) {
            return List.of();
        }
        List<Schema> targets = level.transitive()
                ? earlierOldestFirst
                : List.of(earlierOldestFirst.get(earlierOldestFirst.size() - 1));
        List<String> problems = new ArrayList<>();
        for (Schema earlier : targets) {
            if (level.backward()) {
                problems.addAll(describe(candidate, earlier, "new schema cannot read data written with an earlier one"));
            }
            if (level.forward()) {
                problems.addAll(describe(earlier, candidate, "an earlier schema cannot read data written with the new one"));
            }
        }
        return problems;
    }

    private static List<String> describe(Schema reader, Schema writer, String direction) {
        SchemaCompatibilityResult result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
        if (result.getCompatibility() == SchemaCompatibilityType.COMPATIBLE) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Incompatibility incompatibility : result.getIncompatibilities()) {
            out.add("{errorType:'" + incompatibility.getType() + "', description:'" + direction + ": "
                    + incompatibility.getMessage() + "', location:'" + incompatibility.getLocation() + "'}");
        }
        return out;
    }
}
