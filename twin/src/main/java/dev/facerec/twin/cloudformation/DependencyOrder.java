package dev.facerec.twin.cloudformation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders resources so that each comes after everything it refers to (Ref, Fn::GetAtt, Fn::Sub) or names in
 * {@code DependsOn}; ties keep the template's order. A cycle is an error naming the resources in it.
 */
final class DependencyOrder {

    private DependencyOrder() {}

    /**
     * @param dependencies for each logical id, the logical ids it depends on (only those being deployed)
     * @return the logical ids in an order that deploys dependencies first
     */
    static List<String> of(Map<String, Set<String>> dependencies) {
        Map<String, Set<String>> remaining = new LinkedHashMap<>();
        dependencies.forEach((id, on) -> remaining.put(id, new LinkedHashSet<>(on)));
        List<String> order = new ArrayList<>();
        while (!remaining.isEmpty()) {
            String ready = remaining.entrySet().stream()
                    .filter(e -> e.getValue().isEmpty())
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElseThrow(() ->
                            new TemplateException("circular dependency between the resources " + remaining.keySet()));
            remaining.remove(ready);
            remaining.values().forEach(on -> on.remove(ready));
            order.add(ready);
        }
        return order;
    }
}
