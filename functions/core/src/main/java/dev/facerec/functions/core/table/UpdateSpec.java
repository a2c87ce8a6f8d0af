package dev.facerec.functions.core.table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Builds an update expression (SET, ADD, REMOVE) and an optional condition with generated placeholders, so that no
 * attribute name ever collides with a DynamoDB reserved word.
 */
public final class UpdateSpec {

    private final List<String> sets = new ArrayList<>();
    private final List<String> adds = new ArrayList<>();
    private final List<String> removes = new ArrayList<>();
    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, AttributeValue> values = new LinkedHashMap<>();
    private String condition;

    /** {@code SET name = value}. */
    public UpdateSpec set(String name, AttributeValue value) {
        sets.add(name(name) + " = " + value(value));
        return this;
    }

    /** {@code SET name = if_not_exists(name, value)}. */
    public UpdateSpec setIfAbsent(String name, AttributeValue value) {
        String placeholder = name(name);
        sets.add(placeholder + " = if_not_exists(" + placeholder + ", " + value(value) + ")");
        return this;
    }

    /** {@code ADD name value} (numbers and sets). */
    public UpdateSpec add(String name, AttributeValue value) {
        adds.add(name(name) + " " + value(value));
        return this;
    }

    /** {@code REMOVE name}. */
    public UpdateSpec remove(String name) {
        removes.add(name(name));
        return this;
    }

    /** Sets the condition, written with the placeholders that {@link #name} and {@link #value} return. */
    public UpdateSpec condition(String expression) {
        this.condition = expression;
        return this;
    }

    /** The placeholder of an attribute name, for use in {@link #condition(String)}. */
    public String name(String name) {
        for (Map.Entry<String, String> entry : names.entrySet()) {
            if (entry.getValue().equals(name)) {
                return entry.getKey();
            }
        }
        String placeholder = "#a" + names.size();
        names.put(placeholder, name);
        return placeholder;
    }

    /** The placeholder of a value, for use in {@link #condition(String)}. */
    public String value(AttributeValue value) {
        String placeholder = ":v" + values.size();
        values.put(placeholder, value);
        return placeholder;
    }

    /** The update expression. */
    public String expression() {
        StringBuilder out = new StringBuilder();
        if (!sets.isEmpty()) {
            out.append("SET ").append(String.join(", ", sets));
        }
        if (!adds.isEmpty()) {
            out.append(out.length() == 0 ? "" : " ").append("ADD ").append(String.join(", ", adds));
        }
        if (!removes.isEmpty()) {
            out.append(out.length() == 0 ? "" : " ").append("REMOVE ").append(String.join(", ", removes));
        }
        return out.toString();
    }

    /** An UpdateItem request for {@code key} in {@code table}. */
    public UpdateItemRequest.Builder toRequest(String table, Map<String, AttributeValue> key) {
        UpdateItemRequest.Builder request = UpdateItemRequest.builder()
                .tableName(table)
                .key(key)
                .updateExpression(expression())
                .expressionAttributeNames(names);
        if (!values.isEmpty()) {
            request.expressionAttributeValues(values);
        }
        if (condition != null) {
            request.conditionExpression(condition);
        }
        return request;
    }

    /** The same update as an item of a transaction. */
    public Update toTransactionUpdate(String table, Map<String, AttributeValue> key) {
        Update.Builder update = Update.builder()
                .tableName(table)
                .key(key)
                .updateExpression(expression())
                .expressionAttributeNames(names);
        if (!values.isEmpty()) {
            update.expressionAttributeValues(values);
        }
        if (condition != null) {
            update.conditionExpression(condition);
        }
        return update.build();
    }
}
