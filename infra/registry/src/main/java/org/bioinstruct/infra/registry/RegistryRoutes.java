package org.bioinstruct.infra.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/** The Confluent Schema Registry REST API, mapped onto {@link SchemaRegistryService}. */
public final class RegistryRoutes {
    private static final String SUBJECT = "/subjects/{subject}";
    private static final String VERSION = SUBJECT + "/versions/{version}";

    private final SchemaRegistryService service;

    public RegistryRoutes(SchemaRegistryService service) {
        this.service = service;
    }

    public Router router() {
        return new Router()
                .on("GET", "/", r -> Reply.ok(Reply.JSON.createObjectNode()))
                .on("GET", "/schemas/types", r -> Reply.ok(List.of(AvroSchemas.AVRO)))
                .on("GET", "/schemas/ids/{id}", this::schemaById)
                .on("GET", "/schemas/ids/{id}/schema", r -> Reply.rawJson(service.schemaById(id(r))))
                .on("GET", "/schemas/ids/{id}/versions", this::versionsOfId)
                .on("GET", "/subjects", r -> Reply.ok(service.subjects(r.flag("deleted"))))
                .on("POST", SUBJECT, this::lookup)
                .on("DELETE", SUBJECT, r -> Reply.ok(service.deleteSubject(r.param("subject"), r.flag("permanent"))))
                .on("GET", SUBJECT + "/versions", r -> Reply.ok(service.versions(r.param("subject"), r.flag("deleted"))))
                .on("POST", SUBJECT + "/versions", this::register)
                .on("GET", VERSION, r -> Reply.ok(describe(service.version(r.param("subject"), version(r), r.flag("deleted")))))
                .on("DELETE", VERSION, r -> Reply.ok(service.deleteVersion(r.param("subject"), version(r), r.flag("permanent"))))
                .on("GET", VERSION + "/schema", r -> Reply.rawJson(service.version(r.param("subject"), version(r), r.flag("deleted")).schema()))
                .on("GET", VERSION + "/referencedby", this::referencedBy)
                .on("GET", "/config", r -> level(service.globalLevel()))
                .on("PUT", "/config", this::putGlobalConfig)
                .on("GET", "/config/{subject}", this::subjectConfig)
                .on("PUT", "/config/{subject}", this::putSubjectConfig)
                .on("DELETE", "/config/{subject}", r -> level(service.clearSubjectLevel(r.param("subject"))))
                .on("POST", "/compatibility" + VERSION, r -> compatibility(r, version(r)))
                .on("POST", "/compatibility" + SUBJECT + "/versions", r -> compatibility(r, null));
    }

    private Reply schemaById(RegistryRequest r) {
        return Reply.ok(Reply.JSON.createObjectNode().put("schema", service.schemaById(id(r))));
    }

    private Reply versionsOfId(RegistryRequest r) {
        ArrayNode out = Reply.JSON.createArrayNode();
        service.versionsOfId(id(r), r.flag("deleted"))
                .forEach(v -> out.addObject().put("subject", v.subject()).put("version", v.version()));
        return Reply.ok(out);
    }

    private Reply register(RegistryRequest r) {
        JsonNode body = schemaBody(r);
        int id = service.register(r.param("subject"), body.path("schema").asText(null), schemaType(body));
        return Reply.ok(Reply.JSON.createObjectNode().put("id", id));
    }

    private Reply lookup(RegistryRequest r) {
        JsonNode body = schemaBody(r);
        return Reply.ok(describe(service.lookup(r.param("subject"), body.path("schema").asText(null),
                schemaType(body), r.flag("deleted"))));
    }

    private Reply referencedBy(RegistryRequest r) {
        service.version(r.param("subject"), version(r), r.flag("deleted"));
        return Reply.ok(List.of());
    }

    private Reply compatibility(RegistryRequest r, VersionRef ref) {
        JsonNode body = schemaBody(r);
        List<String> problems = service.testCompatibility(r.param("subject"), ref,
                body.path("schema").asText(null), schemaType(body));
        ObjectNode out = Reply.JSON.createObjectNode().put("is_compatible", problems.isEmpty());
        if (r.flag("verbose")) {
            ArrayNode messages = out.putArray("messages");
            problems.forEach(messages::add);
        }
        return Reply.ok(out);
    }

    private Reply putGlobalConfig(RegistryRequest r) {
        CompatibilityLevel level = CompatibilityLevel.parse(r.text("compatibility"));
        service.setGlobalLevel(level);
        return Reply.ok(Reply.JSON.createObjectNode().put("compatibility", level.name()));
    }

    private Reply subjectConfig(RegistryRequest r) {
        String subject = r.param("subject");
        return service.subjectLevel(subject)
                .or(() -> r.flag("defaultToGlobal") ? Optional.of(service.globalLevel()) : Optional.<CompatibilityLevel>empty())
                .map(RegistryRoutes::level)
                .orElseThrow(() -> RegistryError.subjectLevelConfigNotFound(subject));
    }

    private Reply putSubjectConfig(RegistryRequest r) {
        CompatibilityLevel level = CompatibilityLevel.parse(r.text("compatibility"));
        service.setSubjectLevel(r.param("subject"), level);
        return Reply.ok(Reply.JSON.createObjectNode().put("compatibility", level.name()));
    }

    private static Reply level(CompatibilityLevel level) {
        return Reply.ok(Reply.JSON.createObjectNode().put("compatibilityLevel", level.name()));
    }

    private static ObjectNode describe(SchemaVersion v) {
        return Reply.JSON.createObjectNode()
                .put("subject", v.subject()).put("version", v.version()).put("id", v.id()).put("schema", v.schema());
    }

    private static JsonNode schemaBody(RegistryRequest r) {
        JsonNode body = r.json();
        JsonNode references = body.get("references");
        if (references != null && references.isArray() && !references.isEmpty()) {
            throw RegistryError.invalidSchema("schema references are not supported by this registry");
        }
        return body;
    }

    private static String schemaType(JsonNode body) {
        JsonNode type = body.get("schemaType");
        return type == null || type.isNull() ? null : type.asText();
    }

    private static VersionRef version(RegistryRequest r) {
        return VersionRef.parse(r.param("version"));
    }

    private static int id(RegistryRequest r) {
        String text = r.param("id");
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw RegistryError.schemaNotFound("Schema " + text);
        }
    }
}
