package dev.facerec.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.s3.IBucket;

/**
 * Consent before enrolment ({@link FaceRecognitionProps#getRequireConsent()}, docs/api.md "Consent"): the settings
 * the functions read, and the grants consent needs: the enrolment function reads consent documents (and lists their
 * exact keys, so that a missing document is told from a denied read) and, with consent required, deletes the photos
 * of people without consent; whoever erases people deletes consent documents too.
 */
final class ConsentWiring {

    private ConsentWiring() {}

    /** The consent settings of the functions' environment. */
    static void environment(ResolvedProps settings, Map<String, String> environment) {
        environment.put("REQUIRE_CONSENT", Boolean.toString(settings.requireConsent()));
        environment.put("CONSENT_PREFIX", settings.consentPrefix());
    }

    /** The enrolment function's consent grants. */
    static void grantEnrolment(IBucket bucket, Role role, ResolvedProps settings) {
        PrefixGrants.read(bucket, role, settings.consentPrefix());
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:ListBucket"))
                .resources(List.of(bucket.getBucketArn()))
                .conditions(Map.of("StringLike", Map.of("s3:prefix", List.of(settings.consentPrefix() + "*"))))
                .build());
        if (settings.requireConsent()) {
            PrefixGrants.erase(bucket, role, settings.enrollPrefix());
        }
    }

    /** What erases people also erases their consent documents. */
    static void grantErasure(IBucket bucket, Role role, ResolvedProps settings) {
        PrefixGrants.erase(bucket, role, settings.consentPrefix());
    }

    /** Checks the consent prefix against the others: consent documents must trigger nothing but their own handling. */
    static void check(ResolvedProps settings, List<String> problems) {
        ResolvedProps.checkPrefix("consentPrefix", settings.consentPrefix(), problems);
        for (String[] other : new String[][] {
            {"enrollPrefix", settings.enrollPrefix()},
            {"recognizePrefix", settings.recognizePrefix()},
            {"resultsPrefix", settings.resultsPrefix()}
        }) {
            if (ResolvedProps.overlap(settings.consentPrefix(), other[1])) {
                problems.add("consentPrefix '" + settings.consentPrefix() + "' overlaps " + other[0] + " '" + other[1]
                        + "': consent documents need a prefix of their own");
            }
        }
    }
}
