package org.bioinstruct.schemas.shards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.avro.Schema;
import org.bioinstruct.schemas.avro.ShardManifest;
import org.junit.jupiter.api.Test;

class ShardFileFormatTest {

    @Test
    void eachFormatNamesItsFilesAfterItsManifestName() {
        assertEquals("train-000001.jsonl", ShardFileFormat.JSONL.fileName("train-000001"));
        assertEquals("train-000001.jsonl.gz", ShardFileFormat.JSONL_GZ.fileName("train-000001"));
        assertEquals("train-000001.parquet", ShardFileFormat.PARQUET.fileName("train-000001"));
    }

    @Test
    void parsesEveryManifestNameBackToItsFormat() {
        for (ShardFileFormat format : ShardFileFormat.values()) {
            assertEquals(format, ShardFileFormat.of(format.manifestName()));
        }
    }

    @Test
    void readsAnAbsentOrBlankFormatAsJsonlAsManifestsWrittenBeforeTheFieldHaveIt() {
        assertEquals(ShardFileFormat.JSONL, ShardFileFormat.of(null));
        assertEquals(ShardFileFormat.JSONL, ShardFileFormat.of(" "));
    }

    @Test
    void rejectsAnUnknownNameListingTheKnownOnes() {
        ShardFile.ShardFileException e = assertThrows(ShardFile.ShardFileException.class,
                () -> ShardFileFormat.of("csv"));
        assertTrue(e.getMessage().contains("jsonl, jsonl.gz, parquet"), e.getMessage());
    }

    @Test
    void theManifestFieldStaysAStringDefaultingToTheDefaultFormat() {
        Schema.Field field = ShardManifest.getClassSchema().getField("format");
        assertEquals(Schema.Type.STRING, field.schema().getType());
        assertEquals(ShardFileFormat.DEFAULT, field.defaultVal());
    }
}
