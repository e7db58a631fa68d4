package org.bioinstruct.infra.registry;

import static org.bioinstruct.infra.registry.AvroFixtures.OTHER_RECORD;
import static org.bioinstruct.infra.registry.AvroFixtures.REQUIRED_NEW_FIELD;
import static org.bioinstruct.infra.registry.AvroFixtures.V1;
import static org.bioinstruct.infra.registry.AvroFixtures.V2_OPTIONAL_FIELD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SchemaRegistryServiceTest {
    private final RecordingSchemaLog log = new RecordingSchemaLog();
    private final SchemaRegistryService registry = serviceOver(log);

    private static SchemaRegistryService serviceOver(RecordingSchemaLog log) {
        SchemaStore store = new SchemaStore();
        log.replay(store::apply);
        return new SchemaRegistryService(store, log, new CompatibilityChecker());
    }

    private static int errorCode(Executable call) {
        return assertThrows(RegistryError.class, call).errorCode();
    }

    @Test
    void assignsGlobalIdsSequentiallyFromOne() {
        assertEquals(1, registry.register("a-value", V1, null));
        assertEquals(2, registry.register("b-value", OTHER_RECORD, "AVRO"));
        assertEquals(3, registry.register("a-value", V2_OPTIONAL_FIELD, null));
    }

    @Test
    void reRegisteringSameSchemaReturnsSameIdWithoutNewVersion() {
        int id = registry.register("a-value", V1, null);
        String reformatted = V1.replace("\n", " ").replace(":", " : ");
        assertEquals(id, registry.register("a-value", reformatted, null));
        assertEquals(List.of(1), registry.versions("a-value", false));
        assertEquals(1, log.size());
    }

    @Test
    void sameSchemaUnderAnotherSubjectSharesTheIdButStartsAtVersionOne() {
        int id = registry.register("a-value", V1, null);
        assertEquals(id, registry.register("b-value", V1, null));
        assertEquals(1, registry.version("b-value", VersionRef.latest(), false).version());
        assertEquals(List.of("a-value", "b-value"),
                registry.versionsOfId(id, false).stream().map(SchemaVersion::subject).toList());
    }

    @Test
    void refusesIncompatibleSchemaWith409AndKeepsVersionsUnchanged() {
        registry.register("a-value", V1, null);
        RegistryError error = assertThrows(RegistryError.class,
                () -> registry.register("a-value", REQUIRED_NEW_FIELD, null));
        assertEquals(409, error.errorCode());
        assertEquals(409, error.httpStatus());
        assertTrue(error.getMessage().contains("incompatible"), error.getMessage());
        assertEquals(List.of(1), registry.versions("a-value", false));
    }

    @Test
    void subjectLevelOverridesGlobalDefault() {
        registry.register("a-value", V1, null);
        registry.setSubjectLevel("a-value", CompatibilityLevel.NONE);
        assertEquals(2, registry.register("a-value", REQUIRED_NEW_FIELD, null));
        assertEquals(CompatibilityLevel.NONE, registry.clearSubjectLevel("a-value"));
        assertEquals(Optional.empty(), registry.subjectLevel("a-value"));
        assertEquals(40408, errorCode(() -> registry.clearSubjectLevel("a-value")));
        assertEquals(CompatibilityLevel.BACKWARD, registry.globalLevel());
    }

    @Test
    void rejectsUnparseableAndNonAvroSchemasWith42201() {
        assertEquals(42201, errorCode(() -> registry.register("a-value", "{\"type\":\"recrod\"}", null)));
        assertEquals(42201, errorCode(() -> registry.register("a-value", "syntax = \"proto3\";", "PROTOBUF")));
        assertEquals(42201, errorCode(() -> registry.register("a-value", "", null)));
    }

    @Test
    void reportsMissingSubjectVersionAndSchemaWithTheirCodes() {
        registry.register("a-value", V1, null);
        assertEquals(40401, errorCode(() -> registry.versions("nope", false)));
        assertEquals(40402, errorCode(() -> registry.version("a-value", VersionRef.of(7), false)));
        assertEquals(40403, errorCode(() -> registry.schemaById(99)));
        assertEquals(40403, errorCode(() -> registry.lookup("a-value", OTHER_RECORD, null, false)));
        assertEquals(42202, errorCode(() -> VersionRef.parse("0")));
        assertEquals(42202, errorCode(() -> VersionRef.parse("first")));
    }

    @Test
    void softDeletedVersionsAreHiddenAndVersionNumbersKeepGrowing() {
        registry.register("a-value", V1, null);
        registry.register("a-value", V2_OPTIONAL_FIELD, null);
        assertEquals(1, registry.deleteVersion("a-value", VersionRef.of(1), false));
        assertEquals(List.of(2), registry.versions("a-value", false));
        assertEquals(List.of(1, 2), registry.versions("a-value", true));
        assertEquals(40402, errorCode(() -> registry.version("a-value", VersionRef.of(1), false)));
        assertEquals(40406, errorCode(() -> registry.deleteVersion("a-value", VersionRef.of(1), false)));

        assertEquals(List.of(2), registry.deleteSubject("a-value", false));
        assertEquals(40401, errorCode(() -> registry.versions("a-value", false)));
        assertEquals(List.of(), registry.subjects(false));
        assertEquals(List.of("a-value"), registry.subjects(true));
        assertEquals(40404, errorCode(() -> registry.deleteSubject("a-value", false)));

        assertEquals(1, registry.register("a-value", V1, null));
        assertEquals(List.of(3), registry.versions("a-value", false));
    }

    @Test
    void permanentDeleteNeedsSoftDeleteFirstAndForgetsUnusedIds() {
        int id = registry.register("a-value", V1, null);
        assertEquals(40405, errorCode(() -> registry.deleteSubject("a-value", true)));
        assertEquals(40407, errorCode(() -> registry.deleteVersion("a-value", VersionRef.of(1), true)));
        registry.deleteSubject("a-value", false);
        assertEquals(List.of(1), registry.deleteSubject("a-value", true));
        assertEquals(List.of(), registry.subjects(true));
        assertEquals(40403, errorCode(() -> registry.schemaById(id)));
        assertEquals(40401, errorCode(() -> registry.deleteSubject("a-value", true)));
    }

    @Test
    void compatibilityTestAgainstOneVersionOrLatest() {
        registry.register("a-value", V1, null);
        assertTrue(registry.testCompatibility("a-value", VersionRef.latest(), V2_OPTIONAL_FIELD, null).isEmpty());
        assertEquals(1, registry.testCompatibility("a-value", VersionRef.of(1), REQUIRED_NEW_FIELD, null).size());
        assertEquals(40401, errorCode(() -> registry.testCompatibility("nope", VersionRef.latest(), V1, null)));
        assertEquals(40402, errorCode(() -> registry.testCompatibility("a-value", VersionRef.of(5), V1, null)));
        assertTrue(registry.testCompatibility("nope", null, V1, null).isEmpty());
    }

    @Test
    void replayingTheLogRebuildsIdsVersionsDeletionsAndConfig() {
        registry.register("a-value", V1, null);
        registry.register("a-value", V2_OPTIONAL_FIELD, null);
        registry.register("b-value", OTHER_RECORD, null);
        registry.deleteVersion("a-value", VersionRef.of(1), false);
        registry.setGlobalLevel(CompatibilityLevel.FULL);
        registry.setSubjectLevel("b-value", CompatibilityLevel.NONE);

        SchemaRegistryService restarted = serviceOver(log);

        assertEquals(List.of(2), restarted.versions("a-value", false));
        assertEquals(2, restarted.lookup("a-value", V2_OPTIONAL_FIELD, null, false).id());
        assertEquals(3, restarted.version("b-value", VersionRef.latest(), false).id());
        assertEquals(CompatibilityLevel.FULL, restarted.globalLevel());
        assertEquals(Optional.of(CompatibilityLevel.NONE), restarted.subjectLevel("b-value"));
        assertEquals(4, restarted.register("c-value", REQUIRED_NEW_FIELD, null));
    }

    @Test
    void failedWriteChangesNothing() {
        registry.register("a-value", V1, null);
        log.failWrites();
        assertEquals(50001, errorCode(() -> registry.register("a-value", V2_OPTIONAL_FIELD, null)));
        assertEquals(List.of(1), registry.versions("a-value", false));
        assertEquals(40403, errorCode(() -> registry.schemaById(2)));
    }
}
