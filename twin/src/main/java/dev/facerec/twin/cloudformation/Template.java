package dev.facerec.twin.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A CloudFormation template: parameters, mappings, conditions, rules, resources and outputs, unresolved. Sections
 * the twin does not act on ({@code Metadata}, {@code Description}) are ignored; a {@code Transform} is an error.
 */
public final class Template {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, JsonNode> parameters;
    private final JsonNode mappings;
    private final Map<String, JsonNode> conditions;
    private final Map<String, JsonNode> rules;
    private final Map<String, TemplateResource> resources;
    private final Map<String, JsonNode> outputs;

    private Template(JsonNode root) {
        if (root.has("Transform")) {
            throw new TemplateException(
                    "the template uses Transform " + root.get("Transform") + ", which the twin does not support");
        }
        parameters = section(root, "Parameters");
        mappings = root.path("Mappings");
        conditions = section(root, "Conditions");
        rules = section(root, "Rules");
        outputs = section(root, "Outputs");
        Map<String, TemplateResource> parsed = new LinkedHashMap<>();
        section(root, "Resources").forEach((id, node) -> parsed.put(id, TemplateResource.parse(id, node)));
        if (parsed.isEmpty()) {
            throw new TemplateException("the template has no Resources");
        }
        resources = Collections.unmodifiableMap(parsed);
    }

    public static Template parse(JsonNode root) {
        return new Template(root);
    }

    public static Template read(Path file) {
        try {
            return parse(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the template " + file, e);
        }
    }

    private static Map<String, JsonNode> section(JsonNode root, String name) {
        Map<String, JsonNode> entries = new LinkedHashMap<>();
        root.path(name).fields().forEachRemaining(e -> entries.put(e.getKey(), e.getValue()));
        return Collections.unmodifiableMap(entries);
    }

    public Map<String, JsonNode> parameters() {
        return parameters;
    }

    public JsonNode mappings() {
        return mappings;
    }

    public Map<String, JsonNode> conditions() {
        return conditions;
    }

    public Map<String, JsonNode> rules() {
        return rules;
    }

    public Map<String, TemplateResource> resources() {
        return resources;
    }

    public Map<String, JsonNode> outputs() {
        return outputs;
    }
}
