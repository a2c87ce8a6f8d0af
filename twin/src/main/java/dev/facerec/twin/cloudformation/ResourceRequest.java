package dev.facerec.twin.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What a deployer gets to create or update one resource: the resolved properties and the stack it belongs to.
 *
 * @param stackName the stack's name
 * @param stackId the stack's ARN
 * @param logicalId the resource's logical id
 * @param type the resource type
 * @param properties the properties, every intrinsic function resolved
 * @param region the stack's region
 * @param accountId the stack's account
 * @param assets where the cloud assembly's file assets are
 * @param retainOnDelete whether the deletion policy keeps the real resource
 */
public record ResourceRequest(
        String stackName,
        String stackId,
        String logicalId,
        String type,
        JsonNode properties,
        String region,
        String accountId,
        AssetLocator assets,
        boolean retainOnDelete) {

    private static final String SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /** A string property, or {@code null} when absent. */
    public String text(String property) {
        JsonNode value = properties.get(property);
        return value == null || value.isNull() ? null : IntrinsicResolver.text(value);
    }

    /** A required string property; its absence is an error naming the resource. */
    public String requiredText(String property) {
        String value = text(property);
        if (value == null) {
            throw new TemplateException(type + " " + logicalId + " needs the property " + property);
        }
        return value;
    }

    /** An integer property, or the default when absent. */
    public int integer(String property, int defaultValue) {
        JsonNode value = properties.get(property);
        return value == null || value.isNull() ? defaultValue : Integer.parseInt(value.asText());
    }

    /**
     * The name in the given property, or one CloudFormation-style: {@code stack-logicalId-RANDOMSUFFIX}, cut to the
     * service's limit.
     */
    public String physicalName(String nameProperty, int maxLength, boolean lowerCase) {
        String given = nameProperty == null ? null : text(nameProperty);
        if (given != null) {
            return given;
        }
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            suffix.append(SUFFIX_ALPHABET.charAt(ThreadLocalRandom.current().nextInt(SUFFIX_ALPHABET.length())));
        }
        String prefix = stackName + "-" + logicalId;
        int room = maxLength - suffix.length() - 1;
        if (prefix.length() > room) {
            prefix = prefix.substring(0, room);
        }
        String name = prefix + "-" + suffix;
        return lowerCase ? name.toLowerCase(Locale.ROOT) : name;
    }

    /** An ARN in the stack's region and account. */
    public String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + region + ":" + accountId + ":" + resource;
    }
}
