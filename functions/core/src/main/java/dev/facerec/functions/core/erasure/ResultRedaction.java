package dev.facerec.functions.core.erasure;

import dev.facerec.functions.core.recognition.IdentityStatus;
import dev.facerec.functions.core.table.AttributeValues;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Removes an erased person from a recognition result, keeping what it says of everyone else: in the result
 * document, each face identified as the person gets the identity {@code {"status": "ERASED"}} (no id, name,
 * similarity or lists), {@code identifiedCount} goes down and the top-level {@code lists} are recomputed from the
 * identities left; in the result row, the person leaves {@code personIds} and {@code personLists} the same way.
 */
final class ResultRedaction {

    private static final String FACES = "faces";
    private static final String IDENTITY = "identity";
    private static final String PERSON_ID = "personId";
    private static final String LISTS = "lists";
    private static final String IDENTIFIED_COUNT = "identifiedCount";
    private static final String PERSON_IDS = "personIds";
    private static final String PERSON_LISTS = "personLists";

    private ResultRedaction() {}

    /** The document without {@code personId}, or {@code null} when it does not name the person. */
    static byte[] document(byte[] json, String personId) {
        Map<String, JsonNode> root = JsonNode.parser()
                .parse(new String(json, StandardCharsets.UTF_8))
                .asObject();
        JsonNode faces = root.get(FACES);
        if (faces == null || !faces.isArray()) {
            return null;
        }
        int redacted = 0;
        TreeSet<String> lists = new TreeSet<>();
        for (JsonNode face : faces.asArray()) {
            JsonNode identity = face.asObject().get(IDENTITY);
            if (identity == null || !identity.isObject()) {
                continue;
            }
            JsonNode id = identity.asObject().get(PERSON_ID);
            if (id != null && id.isString() && personId.equals(id.asString())) {
                redacted++;
            } else if (identity.asObject().get(LISTS) != null) {
                identity.asObject().get(LISTS).asArray().forEach(list -> lists.add(list.asString()));
            }
        }
        if (redacted == 0) {
            return null;
        }
        try (JsonWriter out = JsonWriter.create()) {
            out.writeStartObject();
            for (Map.Entry<String, JsonNode> field : root.entrySet()) {
                out.writeFieldName(field.getKey());
                switch (field.getKey()) {
                    case FACES -> writeFaces(out, faces, personId);
                    case IDENTIFIED_COUNT ->
                        out.writeNumber(
                                Long.toString(Long.parseLong(field.getValue().asNumber()) - redacted));
                    case LISTS -> {
                        out.writeStartArray();
                        lists.forEach(out::writeValue);
                        out.writeEndArray();
                    }
                    default -> write(out, field.getValue());
                }
            }
            return out.writeEndObject().getBytes();
        }
    }

    /** The result row without {@code personId}, or {@code null} when it does not name the person. */
    static Map<String, AttributeValue> row(Map<String, AttributeValue> row, String personId) {
        List<String> people = AttributeValues.strings(row, PERSON_IDS);
        if (!people.contains(personId)) {
            return null;
        }
        Map<String, AttributeValue> out = new HashMap<>(row);
        List<AttributeValue> left = new ArrayList<>();
        people.stream().filter(p -> !p.equals(personId)).forEach(p -> left.add(AttributeValues.s(p)));
        out.put(PERSON_IDS, AttributeValues.l(left));
        Map<String, AttributeValue> personLists = new HashMap<>(
                row.containsKey(PERSON_LISTS) ? row.get(PERSON_LISTS).m() : Map.of());
        personLists.remove(personId);
        out.put(PERSON_LISTS, AttributeValues.m(personLists));
        TreeSet<String> lists = new TreeSet<>();
        personLists.values().forEach(value -> value.l().forEach(list -> lists.add(list.s())));
        out.put(LISTS, AttributeValues.strings(List.copyOf(lists)));
        long identified = AttributeValues.num(row, IDENTIFIED_COUNT, 1);
        out.put(IDENTIFIED_COUNT, AttributeValues.n(Math.max(0, identified - 1)));
        return out;
    }

    private static void writeFaces(JsonWriter out, JsonNode faces, String personId) {
        out.writeStartArray();
        for (JsonNode face : faces.asArray()) {
            out.writeStartObject();
            for (Map.Entry<String, JsonNode> field : face.asObject().entrySet()) {
                out.writeFieldName(field.getKey());
                if (IDENTITY.equals(field.getKey()) && names(field.getValue(), personId)) {
                    out.writeStartObject();
                    out.writeFieldName("status").writeValue(IdentityStatus.ERASED.name());
                    out.writeEndObject();
                } else {
                    write(out, field.getValue());
                }
            }
            out.writeEndObject();
        }
        out.writeEndArray();
    }

    private static boolean names(JsonNode identity, String personId) {
        JsonNode id = identity.isObject() ? identity.asObject().get(PERSON_ID) : null;
        return id != null && id.isString() && personId.equals(id.asString());
    }

    /** Writes a parsed node back as it was. */
    private static void write(JsonWriter out, JsonNode node) {
        if (node.isObject()) {
            out.writeStartObject();
            node.asObject().forEach((name, value) -> {
                out.writeFieldName(name);
                write(out, value);
            });
            out.writeEndObject();
        } else if (node.isArray()) {
            out.writeStartArray();
            node.asArray().forEach(value -> write(out, value));
            out.writeEndArray();
        } else if (node.isString()) {
            out.writeValue(node.asString());
        } else if (node.isNumber()) {
            out.writeNumber(node.asNumber());
        } else if (node.isBoolean()) {
            out.writeValue(node.asBoolean());
        } else {
            out.writeNull();
        }
    }
}
