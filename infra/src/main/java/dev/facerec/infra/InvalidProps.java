package dev.facerec.infra;

import java.util.List;

/** The one shape of the constructs' validation errors: the props type, the construct's path, every problem. */
final class InvalidProps {

    private InvalidProps() {}

    static IllegalArgumentException of(String propsType, String path, List<String> problems) {
        return new IllegalArgumentException(
                "Invalid " + propsType + " at " + path + ":\n- " + String.join("\n- ", problems));
    }
}
