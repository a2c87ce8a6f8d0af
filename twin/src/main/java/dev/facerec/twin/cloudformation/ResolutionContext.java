package dev.facerec.twin.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;

/** What intrinsic functions read: parameters, pseudo parameters, resources already deployed, conditions. */
interface ResolutionContext {

    /** The value of {@code Ref}: a parameter's value, a pseudo parameter, or a resource's physical id. */
    JsonNode ref(String name, String where);

    /** The value of {@code Fn::GetAtt}. */
    JsonNode getAtt(String logicalId, String attribute, String where);

    /** The value of a named condition. */
    boolean condition(String name, String where);

    /** The stack's region, for {@code Fn::GetAZs}. */
    String region();
}
