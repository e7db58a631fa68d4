package org.bioinstruct.infra.registry;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/** Parses schema text sent to the registry; only Avro is served. */
final class AvroSchemas {
    static final String AVRO = "AVRO";

    private AvroSchemas() {
    }

    /** The parsed schema, or error 42201 naming what is wrong. {@code schemaType} null means Avro. */
    static Schema parse(String text, String schemaType) {
        if (schemaType != null && !schemaType.isBlank() && !AVRO.equalsIgnoreCase(schemaType.trim())) {
            throw RegistryError.invalidSchema("unsupported schemaType '" + schemaType + "', only AVRO is served");
        }
        if (text == null || text.isBlank()) {
            throw RegistryError.invalidSchema("empty schema");
        }
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException | NullPointerException | IllegalArgumentException e) {
            throw RegistryError.invalidSchema(e.getMessage());
        }
    }

    /** The text two registrations are compared by: Avro's normalised JSON of the parsed schema. */
    static String canonical(Schema schema) {
        return schema.toString();
    }
}
