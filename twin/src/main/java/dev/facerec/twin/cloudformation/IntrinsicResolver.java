package dev.facerec.twin.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Resolves intrinsic functions in a template value: {@code Ref}, {@code Fn::GetAtt}, {@code Fn::Join},
 * {@code Fn::Sub} (both forms), {@code Fn::Select}, {@code Fn::Split}, {@code Fn::If}, {@code Fn::Equals},
 * {@code Fn::Not}, {@code Fn::And}, {@code Fn::Or}, {@code Fn::FindInMap}, {@code Fn::GetAZs}, {@code Fn::Base64},
 * {@code Fn::Contains} (rules). {@code AWS::NoValue} removes the property or list element. Any other function is an
 * error naming it and where it was found.
 */
final class IntrinsicResolver {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern SPLIT_DOT = Pattern.compile("\\.");

    private final ResolutionContext context;
    private final JsonNode mappings;

    IntrinsicResolver(ResolutionContext context, JsonNode mappings) {
        this.context = context;
        this.mappings = mappings;
    }

    /** The value with every intrinsic function replaced by its result. */
    JsonNode resolve(JsonNode value, String where) {
        if (value.isObject()) {
            if (value.size() == 1) {
                String key = value.fieldNames().next();
                if ("Ref".equals(key) || key.startsWith("Fn::")) {
                    return function(key, value.get(key), where);
                }
            }
            ObjectNode resolved = NODES.objectNode();
            value.fields().forEachRemaining(e -> {
                JsonNode child = resolve(e.getValue(), where);
                if (!child.isMissingNode()) {
                    resolved.set(e.getKey(), child);
                }
            });
            return resolved;
        }
        if (value.isArray()) {
            ArrayNode resolved = NODES.arrayNode();
            value.forEach(element -> {
                JsonNode child = resolve(element, where);
                if (!child.isMissingNode()) {
                    resolved.add(child);
                }
            });
            return resolved;
        }
        return value;
    }

    /** A condition expression's value ({@code Fn::Equals}, {@code Fn::Not}, ..., or {@code Condition}). */
    boolean condition(JsonNode expression, String where) {
        if (expression.isObject() && expression.size() == 1 && expression.has("Condition")) {
            return context.condition(expression.get("Condition").asText(), where);
        }
        JsonNode value = resolve(expression, where);
        if (!value.isBoolean() && !(value.isTextual() && value.asText().matches("true|false"))) {
            throw new TemplateException("the condition in " + where + " is not a boolean: " + expression);
        }
        return value.asBoolean();
    }

    private JsonNode function(String name, JsonNode argument, String where) {
        switch (name) {
            case "Ref":
                return "AWS::NoValue".equals(argument.asText())
                        ? MissingNode.getInstance()
                        : context.ref(argument.asText(), where);
            case "Fn::GetAtt":
                return getAtt(argument, where);
            case "Fn::Join":
                return join(arguments(name, argument, 2, where), where);
            case "Fn::Sub":
                return sub(argument, where);
            case "Fn::Select":
                return select(arguments(name, argument, 2, where), where);
            case "Fn::Split":
                return split(arguments(name, argument, 2, where), where);
            case "Fn::If":
                return ifThenElse(arguments(name, argument, 3, where), where);
            case "Fn::Equals":
                List<JsonNode> pair = arguments(name, argument, 2, where);
                return NODES.booleanNode(text(resolve(pair.get(0), where)).equals(text(resolve(pair.get(1), where))));
            case "Fn::Not":
                return NODES.booleanNode(
                        !condition(arguments(name, argument, 1, where).get(0), where));
            case "Fn::And":
                return NODES.booleanNode(elements(argument).stream().allMatch(c -> condition(c, where)));
            case "Fn::Or":
                return NODES.booleanNode(elements(argument).stream().anyMatch(c -> condition(c, where)));
            case "Fn::FindInMap":
                return findInMap(argument, where);
            case "Fn::GetAZs":
                ArrayNode zones = NODES.arrayNode();
                List.of("a", "b", "c").forEach(zone -> zones.add(context.region() + zone));
                return zones;
            case "Fn::Base64":
                return NODES.textNode(Base64.getEncoder()
                        .encodeToString(text(resolve(argument, where)).getBytes(StandardCharsets.UTF_8)));
            case "Fn::Contains":
                List<JsonNode> contains = arguments(name, argument, 2, where);
                JsonNode list = resolve(contains.get(0), where);
                String wanted = text(resolve(contains.get(1), where));
                return NODES.booleanNode(elements(list).stream().anyMatch(e -> text(e).equals(wanted)));
            default:
                throw new TemplateException("unsupported intrinsic function " + name + " in " + where);
        }
    }

    private JsonNode getAtt(JsonNode argument, String where) {
        String logicalId;
        String attribute;
        if (argument.isTextual()) {
            String[] parts = SPLIT_DOT.split(argument.asText(), 2);
            if (parts.length != 2) {
                throw new TemplateException("Fn::GetAtt needs logicalId.attribute in " + where + ": " + argument);
            }
            logicalId = parts[0];
            attribute = parts[1];
        } else {
            List<JsonNode> parts = arguments("Fn::GetAtt", argument, 2, where);
            logicalId = parts.get(0).asText();
            attribute = text(resolve(parts.get(1), where));
        }
        return context.getAtt(logicalId, attribute, where);
    }

    private JsonNode join(List<JsonNode> arguments, String where) {
        String delimiter = arguments.get(0).asText();
        List<String> parts = new ArrayList<>();
        elements(resolve(arguments.get(1), where)).forEach(part -> parts.add(text(part)));
        return NODES.textNode(String.join(delimiter, parts));
    }

    private JsonNode sub(JsonNode argument, String where) {
        String format;
        JsonNode variables = NODES.objectNode();
        if (argument.isTextual()) {
            format = argument.asText();
        } else {
            List<JsonNode> parts = arguments("Fn::Sub", argument, 2, where);
            format = parts.get(0).asText();
            variables = resolve(parts.get(1), where);
        }
        StringBuilder out = new StringBuilder();
        int position = 0;
        while (position < format.length()) {
            int start = format.indexOf("${", position);
            if (start < 0) {
                out.append(format, position, format.length());
                break;
            }
            int end = format.indexOf('}', start);
            if (end < 0) {
                throw new TemplateException("Fn::Sub has an unclosed ${ in " + where + ": " + format);
            }
            out.append(format, position, start);
            String name = format.substring(start + 2, end);
            out.append(name.startsWith("!") ? "${" + name.substring(1) + "}" : substitute(name, variables, where));
            position = end + 1;
        }
        return NODES.textNode(out.toString());
    }

    private String substitute(String name, JsonNode variables, String where) {
        String trimmed = name.trim();
        if (variables.has(trimmed)) {
            return text(variables.get(trimmed));
        }
        if (trimmed.contains(".") && !trimmed.startsWith("AWS::")) {
            String[] parts = SPLIT_DOT.split(trimmed, 2);
            return text(context.getAtt(parts[0], parts[1], where));
        }
        return text(context.ref(trimmed, where));
    }

    private JsonNode select(List<JsonNode> arguments, String where) {
        int index = Integer.parseInt(text(resolve(arguments.get(0), where)));
        List<JsonNode> list = elements(resolve(arguments.get(1), where));
        if (index < 0 || index >= list.size()) {
            throw new TemplateException(
                    "Fn::Select index " + index + " is outside the list of " + list.size() + " in " + where);
        }
        return list.get(index);
    }

    private JsonNode split(List<JsonNode> arguments, String where) {
        String delimiter = arguments.get(0).asText();
        String source = text(resolve(arguments.get(1), where));
        ArrayNode parts = NODES.arrayNode();
        for (String part : source.split(Pattern.quote(delimiter), -1)) {
            parts.add(part);
        }
        return parts;
    }

    private JsonNode ifThenElse(List<JsonNode> arguments, String where) {
        boolean value = context.condition(arguments.get(0).asText(), where);
        return resolve(arguments.get(value ? 1 : 2), where);
    }

    private JsonNode findInMap(JsonNode argument, String where) {
        List<JsonNode> parts = elements(argument);
        if (parts.size() < 3) {
            throw new TemplateException("Fn::FindInMap needs map name, top-level key and second-level key in " + where);
        }
        String map = text(resolve(parts.get(0), where));
        String top = text(resolve(parts.get(1), where));
        String second = text(resolve(parts.get(2), where));
        JsonNode value = mappings.path(map).path(top).path(second);
        if (value.isMissingNode()) {
            if (parts.size() > 3 && parts.get(3).has("DefaultValue")) {
                return resolve(parts.get(3).get("DefaultValue"), where);
            }
            throw new TemplateException(
                    "Fn::FindInMap finds nothing at " + map + "/" + top + "/" + second + " in " + where);
        }
        return value;
    }

    private static List<JsonNode> arguments(String function, JsonNode argument, int count, String where) {
        List<JsonNode> list = elements(argument);
        if (!argument.isArray() || list.size() != count) {
            throw new TemplateException(
                    function + " needs a list of " + count + " arguments in " + where + ": " + argument);
        }
        return list;
    }

    private static List<JsonNode> elements(JsonNode node) {
        List<JsonNode> list = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(list::add);
        } else {
            list.add(node);
        }
        return list;
    }

    /** A scalar's text; a list (e.g. a CommaDelimitedList parameter) is joined with commas. */
    static String text(JsonNode node) {
        if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            node.forEach(element -> parts.add(text(element)));
            return String.join(",", parts);
        }
        if (node.isContainerNode()) {
            throw new TemplateException("expected a string but found an object: " + node);
        }
        return node.asText();
    }

    /** The logical ids and parameter names a value refers to through Ref, Fn::GetAtt and Fn::Sub. */
    static List<String> references(JsonNode value) {
        List<String> names = new ArrayList<>();
        collect(value, names);
        return names;
    }

    private static void collect(JsonNode value, List<String> names) {
        if (value.isObject() && value.size() == 1) {
            String key = value.fieldNames().next();
            JsonNode argument = value.get(key);
            if ("Ref".equals(key)) {
                names.add(argument.asText());
                return;
            }
            if ("Fn::GetAtt".equals(key)) {
                names.add(
                        argument.isArray()
                                ? argument.get(0).asText()
                                : SPLIT_DOT.split(argument.asText(), 2)[0]);
                return;
            }
            if ("Fn::Sub".equals(key)) {
                collectSub(argument, names);
                return;
            }
        }
        for (Iterator<JsonNode> children = value.elements(); children.hasNext(); ) {
            collect(children.next(), names);
        }
    }

    private static void collectSub(JsonNode argument, List<String> names) {
        String format = argument.isArray() ? argument.get(0).asText() : argument.asText();
        JsonNode variables = argument.isArray() && argument.size() > 1 ? argument.get(1) : NODES.objectNode();
        var matcher = Pattern.compile("\\$\\{([^!}][^}]*)}").matcher(format);
        while (matcher.find()) {
            String name = matcher.group(1).trim();
            if (!variables.has(name)) {
                names.add(name.startsWith("AWS::") ? name : SPLIT_DOT.split(name, 2)[0]);
            }
        }
        collect(variables, names);
    }

    /** The template's pseudo parameters for a stack. */
    static Map<String, JsonNode> pseudoParameters(String stackName, String stackId, String region, String account) {
        return Map.of(
                "AWS::Region", NODES.textNode(region),
                "AWS::AccountId", NODES.textNode(account),
                "AWS::Partition", NODES.textNode("aws"),
                "AWS::StackName", NODES.textNode(stackName),
                "AWS::StackId", NODES.textNode(stackId),
                "AWS::URLSuffix", NODES.textNode("amazonaws.com"),
                "AWS::NotificationARNs", NODES.arrayNode());
    }
}
