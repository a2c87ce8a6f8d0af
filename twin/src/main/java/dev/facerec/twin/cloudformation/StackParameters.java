package dev.facerec.twin.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The values of a template's parameters: given values, else defaults. Parameters of type
 * {@code AWS::SSM::Parameter::Value<String>} read the twin's SSM parameters, which hold the CDK bootstrap version
 * ({@code /cdk-bootstrap/<qualifier>/version}) so that CDK's bootstrap check passes.
 */
final class StackParameters {

    /** The bootstrap version the twin reports: the twin needs no bootstrap stack. */
    static final String BOOTSTRAP_VERSION = "30";

    private static final Pattern BOOTSTRAP_PARAMETER = Pattern.compile("/cdk-bootstrap/[^/]+/version");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StackParameters() {}

    static Map<String, JsonNode> resolve(Template template, Map<String, String> given) {
        given.keySet().stream()
                .filter(name -> !template.parameters().containsKey(name))
                .findFirst()
                .ifPresent(name -> {
                    throw new TemplateException("the template has no parameter " + name + " (it has "
                            + template.parameters().keySet() + ")");
                });
        Map<String, JsonNode> values = new LinkedHashMap<>();
        template.parameters().forEach((name, declaration) -> {
            String value = given.containsKey(name)
                    ? given.get(name)
                    : declaration.hasNonNull("Default")
                            ? declaration.get("Default").asText()
                            : null;
            if (value == null) {
                throw new TemplateException("parameter " + name + " has no default: give it a value");
            }
            values.put(name, typed(name, declaration, value));
        });
        return values;
    }

    private static JsonNode typed(String name, JsonNode declaration, String value) {
        String type = declaration.path("Type").asText("String");
        if (type.startsWith("AWS::SSM::Parameter::Value<")) {
            if (!BOOTSTRAP_PARAMETER.matcher(value).matches()) {
                throw new TemplateException("parameter " + name + " reads the SSM parameter " + value
                        + ", which the twin does not have: give the parameter a value");
            }
            return NODES.textNode(BOOTSTRAP_VERSION);
        }
        JsonNode allowed = declaration.get("AllowedValues");
        if (allowed != null && allowed.isArray()) {
            boolean ok = false;
            for (JsonNode option : allowed) {
                ok |= option.asText().equals(value);
            }
            if (!ok) {
                throw new TemplateException("parameter " + name + " is " + value + ", not one of " + allowed);
            }
        }
        if ("CommaDelimitedList".equals(type) || type.startsWith("List<")) {
            ArrayNode list = NODES.arrayNode();
            for (String part : value.split(",", -1)) {
                list.add(part.trim());
            }
            return list;
        }
        return NODES.textNode(value);
    }
}
