package org.bioinstruct.infra.registry;

import static org.bioinstruct.infra.registry.AvroFixtures.NAME_REMOVED;
import static org.bioinstruct.infra.registry.AvroFixtures.REQUIRED_NEW_FIELD;
import static org.bioinstruct.infra.registry.AvroFixtures.V1;
import static org.bioinstruct.infra.registry.AvroFixtures.V2_OPTIONAL_FIELD;
import static org.bioinstruct.infra.registry.AvroFixtures.V3_REQUIRED_FIELD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class CompatibilityCheckerTest {
    private final CompatibilityChecker checker = new CompatibilityChecker();

    private static List<Schema> schemas(String... texts) {
        return Arrays.stream(texts).map(t -> new Schema.Parser().parse(t)).toList();
    }

    private boolean compatible(String candidate, CompatibilityLevel level, String... earlier) {
        return checker.incompatibilities(schemas(candidate).get(0), schemas(earlier), level).isEmpty();
    }

    @Test
    void addingFieldWithDefaultIsCompatibleUnderEveryLevel() {
        for (CompatibilityLevel level : CompatibilityLevel.values()) {
            assertTrue(compatible(V2_OPTIONAL_FIELD, level, V1), level.name());
        }
    }

    @Test
    void addingRequiredFieldBreaksBackwardButNotForward() {
        assertFalse(compatible(REQUIRED_NEW_FIELD, CompatibilityLevel.BACKWARD, V1));
        assertFalse(compatible(REQUIRED_NEW_FIELD, CompatibilityLevel.FULL, V1));
        assertTrue(compatible(REQUIRED_NEW_FIELD, CompatibilityLevel.FORWARD, V1));
        assertTrue(compatible(REQUIRED_NEW_FIELD, CompatibilityLevel.NONE, V1));
    }

    @Test
    void removingFieldOldReadersNeedBreaksForwardButNotBackward() {
        assertTrue(compatible(NAME_REMOVED, CompatibilityLevel.BACKWARD, V1));
        assertFalse(compatible(NAME_REMOVED, CompatibilityLevel.FORWARD, V1));
        assertFalse(compatible(NAME_REMOVED, CompatibilityLevel.FULL, V1));
    }

    @Test
    void nonTransitiveLevelsLookOnlyAtTheLatestVersion() {
        assertTrue(compatible(V3_REQUIRED_FIELD, CompatibilityLevel.BACKWARD, V1, V2_OPTIONAL_FIELD));
        assertFalse(compatible(V3_REQUIRED_FIELD, CompatibilityLevel.BACKWARD_TRANSITIVE, V1, V2_OPTIONAL_FIELD));
        assertFalse(compatible(V3_REQUIRED_FIELD, CompatibilityLevel.FULL_TRANSITIVE, V1, V2_OPTIONAL_FIELD));
    }

    @Test
    void forwardTransitiveChecksEveryEarlierReader() {
        // V3 data carries every field that V1 and V2 readers need
        assertTrue(compatible(V3_REQUIRED_FIELD, CompatibilityLevel.FORWARD_TRANSITIVE, V1, V2_OPTIONAL_FIELD));
        assertFalse(compatible(NAME_REMOVED, CompatibilityLevel.FORWARD_TRANSITIVE, V1, V2_OPTIONAL_FIELD));
    }

    @Test
    void firstVersionIsAlwaysCompatible() {
        assertTrue(compatible(V1, CompatibilityLevel.FULL_TRANSITIVE));
    }

    @Test
    void incompatibilityMessagesNameTheAvroErrorTypeAndField() {
        List<String> problems = checker.incompatibilities(schemas(REQUIRED_NEW_FIELD).get(0), schemas(V1),
                CompatibilityLevel.BACKWARD);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("READER_FIELD_MISSING_DEFAULT_VALUE"), problems.get(0));
        assertTrue(problems.get(0).contains("score"), problems.get(0));
    }

    @Test
    void parsesLevelsCaseInsensitivelyAndRejectsUnknownOnesWith42203() {
        assertEquals(CompatibilityLevel.FULL_TRANSITIVE, CompatibilityLevel.parse("full_transitive"));
        RegistryError error = assertThrows(RegistryError.class, () -> CompatibilityLevel.parse("SIDEWAYS"));
        assertEquals(42203, error.errorCode());
        assertEquals(422, error.httpStatus());
    }
}
