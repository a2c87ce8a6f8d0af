package dev.facerec.infra;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.events.IRuleTarget;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * The "Faces Recognized" events of one pipeline: the bus they go to, the recognition function's right to put them
 * there, and rules matching this pipeline's events only (its bucket and recognise prefix).
 */
final class RecognitionEvents {

    /** The event source the recognition function publishes under. */
    static final String SOURCE = "facerec";
    /** The detail-type of every recognised photo's event. */
    static final String DETAIL_TYPE = "Faces Recognized";
    /** A watch-list name, as the enrolment function accepts it. */
    static final Pattern LIST_NAME = Pattern.compile("[a-z0-9_-]{1,32}");

    private final Construct scope;
    private final IEventBus bus;
    private final IBucket bucket;
    private final String recognizePrefix;
    private final Map<String, Integer> ruleIds = new HashMap<>();

    RecognitionEvents(Construct scope, IEventBus given, IBucket bucket, String recognizePrefix) {
        this.scope = scope;
        this.bus = given != null ? given : EventBus.fromEventBusName(scope, "DefaultEventBus", "default");
        this.bucket = bucket;
        this.recognizePrefix = recognizePrefix;
    }

    IEventBus bus() {
        return bus;
    }

    /** {@code events:PutEvents} on the bus and nothing else. */
    void grantPublish(IGrantable publisher) {
        bus.grantPutEventsTo(publisher);
    }

    /** The environment the recognition function reads ({@code EVENT_BUS_NAME}, {@code EVENTS_INCLUDE_NAMES}). */
    Map<String, String> environment(boolean includeNames) {
        return Map.of("EVENT_BUS_NAME", bus.getEventBusArn(), "EVENTS_INCLUDE_NAMES", Boolean.toString(includeNames));
    }

    /** A rule on every recognised photo of this pipeline. */
    Rule onFacesRecognized(IRuleTarget target) {
        return rule("OnFacesRecognized", "every photo recognised", Map.of(), target);
    }

    /** A rule on the photos of this pipeline in which someone on {@code list} was identified. */
    Rule onWatchListMatch(String list, IRuleTarget target) {
        if (list == null || !LIST_NAME.matcher(list).matches()) {
            throw new IllegalArgumentException(
                    "a watch list name is 1-32 characters of a-z, 0-9, '_' or '-', got '" + list + "'");
        }
        return rule(
                "OnWatchListMatch-" + list,
                "photos with someone on the watch list " + list,
                Map.of("lists", List.of(list)),
                target);
    }

    private Rule rule(String baseId, String what, Map<String, Object> extra, IRuleTarget target) {
        int n = ruleIds.merge(baseId, 1, Integer::sum);
        Map<String, Object> detail = new HashMap<>(extra);
        detail.put("bucket", List.of(bucket.getBucketName()));
        detail.put("key", List.of(Map.of("prefix", recognizePrefix)));
        return rule(scope, n == 1 ? baseId : baseId + "-" + n, what, DETAIL_TYPE, detail, target);
    }

    /** A rule on this pipeline's bus for the events of source {@value #SOURCE} of {@code detailType}. */
    Rule rule(
            Construct ruleScope,
            String id,
            String what,
            String detailType,
            Map<String, Object> detail,
            IRuleTarget target) {
        return Rule.Builder.create(ruleScope, id)
                .eventBus(bus)
                .description("facerec: " + what)
                .eventPattern(EventPattern.builder()
                        .source(List.of(SOURCE))
                        .detailType(List.of(detailType))
                        .detail(detail)
                        .build())
                .targets(List.of(target))
                .build();
    }
}
