package dev.facerec.twin.iam;

import java.util.Map;
import java.util.TreeMap;

/**
 * A request as a resource policy sees it.
 *
 * @param servicePrincipal the calling service, e.g. {@code s3.amazonaws.com}
 * @param action the action, e.g. {@code sqs:SendMessage}
 * @param resourceArn the resource the action is on
 * @param context the request context's condition keys and values, e.g. {@code aws:SourceArn} (keys are
 *     case-insensitive, as in IAM)
 */
public record PolicyRequest(String servicePrincipal, String action, String resourceArn, Map<String, String> context) {

    public PolicyRequest {
        TreeMap<String, String> keys = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        keys.putAll(context);
        context = keys;
    }
}
