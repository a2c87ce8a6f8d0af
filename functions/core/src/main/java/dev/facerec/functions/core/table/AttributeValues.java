package dev.facerec.functions.core.table;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.rekognition.model.BoundingBox;

/** Short constructors and readers for DynamoDB attribute values. */
public final class AttributeValues {

    private AttributeValues() {}

    public static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    public static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    public static AttributeValue n(double value) {
        return AttributeValue.fromN(Double.toString(value));
    }

    /** A string set; DynamoDB refuses empty sets, so callers must not pass one. */
    public static AttributeValue ss(Collection<String> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("DynamoDB has no empty string set");
        }
        return AttributeValue.fromSs(List.copyOf(values));
    }

    public static AttributeValue l(List<AttributeValue> values) {
        return AttributeValue.fromL(values);
    }

    /** A list of strings (a list may be empty, unlike a string set). */
    public static AttributeValue strings(List<String> values) {
        return AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList());
    }

    public static AttributeValue m(Map<String, AttributeValue> values) {
        return AttributeValue.fromM(values);
    }

    /** A bounding box as the face and sighting rows keep it: a map of {@code Left}, {@code Top}, {@code Width},
     * {@code Height} (ratios of the image). */
    public static AttributeValue boundingBox(BoundingBox box) {
        return m(
                Map.of("Left", n(box.left()), "Top", n(box.top()), "Width", n(box.width()), "Height", n(box.height())));
    }

    /** A bounding box attribute of an item (see {@link #boundingBox(BoundingBox)}), or {@code null}. */
    public static BoundingBox boundingBox(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item == null ? null : item.get(name);
        if (value == null || !value.hasM()) {
            return null;
        }
        Map<String, AttributeValue> box = value.m();
        return BoundingBox.builder()
                .left(ratio(box, "Left"))
                .top(ratio(box, "Top"))
                .width(ratio(box, "Width"))
                .height(ratio(box, "Height"))
                .build();
    }

    private static Float ratio(Map<String, AttributeValue> box, String name) {
        AttributeValue value = box.get(name);
        return value == null || value.n() == null ? null : Float.valueOf(value.n());
    }

    /** A string attribute of an item, or {@code null}. */
    public static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item == null ? null : item.get(name);
        return value == null ? null : value.s();
    }

    /** A number attribute of an item as a long, or {@code fallback}. */
    public static long num(Map<String, AttributeValue> item, String name, long fallback) {
        AttributeValue value = item == null ? null : item.get(name);
        return value == null || value.n() == null ? fallback : Long.parseLong(value.n());
    }

    /** A list-of-strings attribute of an item, empty when absent. */
    public static List<String> strings(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item == null ? null : item.get(name);
        return value == null || !value.hasL()
                ? List.of()
                : value.l().stream().map(AttributeValue::s).toList();
    }

    /** A string-set attribute of an item, empty when absent. */
    public static List<String> set(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item == null ? null : item.get(name);
        return value == null || !value.hasSs() ? List.of() : value.ss();
    }
}
