package dev.facerec.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.targets.SqsQueue;
import software.amazon.awscdk.services.sqs.Queue;

/** The "Faces Recognized" events: the bus, the grant, the function's settings and the rule helpers. */
class FaceRecognitionEventsTest {

    @Test
    void onWatchListMatch_shouldCreateARuleOnThisPipelinesEventsOfThatList_whenCalledWithACustomBus() {
        // GIVEN a pipeline publishing on a custom bus with names, and a queue behind a watch-list rule
        Template template = TestStacks.template(stack -> {
            EventBus bus =
                    EventBus.Builder.create(stack, "Bus").eventBusName("doors").build();
            FaceRecognition faces = new FaceRecognition(
                    stack,
                    "Faces",
                    FaceRecognitionProps.builder()
                            .eventBus(bus)
                            .eventsIncludeNames(true)
                            .build());
            // WHEN
            faces.onWatchListMatch("block", new SqsQueue(new Queue(stack, "Alerts")));
        });
        String bus = TestStacks.logicalId(template, "AWS::Events::EventBus", Map.of("Name", "doors"));
        String bucket = template.getResourceId(
                "AWS::S3::Bucket",
                Map.of("Properties", Match.objectLike(Map.of("VersioningConfiguration", Match.anyValue()))));

        // THEN one rule on that bus matches this bucket's recognised photos with someone on "block"
        assertThat(watchListRules(template)).hasSize(1);
        template.hasResourceProperties(
                "AWS::Events::Rule",
                Map.of(
                        "EventBusName",
                        Map.of("Ref", bus),
                        "EventPattern",
                        Map.of(
                                "source",
                                List.of("facerec"),
                                "detail-type",
                                List.of("Faces Recognized"),
                                "detail",
                                Map.of(
                                        "bucket",
                                        List.of(Map.of("Ref", bucket)),
                                        "key",
                                        List.of(Map.of("prefix", "recognize/")),
                                        "lists",
                                        List.of("block")))));
        // AND the recognition function publishes there, with names, and may put events on that bus only
        TestStacks.hasFunctionEnvironment(
                template,
                FaceRecognition.RECOGNIZE_HANDLER,
                Map.of("EVENT_BUS_NAME", Map.of("Fn::GetAtt", List.of(bus, "Arn")), "EVENTS_INCLUDE_NAMES", "true"));
        template.hasResourceProperties(
                "AWS::IAM::Policy",
                Map.of(
                        "PolicyDocument",
                        Match.objectLike(Map.of(
                                "Statement",
                                Match.arrayWith(List.of(Map.of(
                                        "Effect",
                                        "Allow",
                                        "Action",
                                        "events:PutEvents",
                                        "Resource",
                                        Map.of("Fn::GetAtt", List.of(bus, "Arn")))))))));
    }

    @Test
    void environment_shouldNameTheDefaultBusWithoutNames_whenNoEventPropIsGiven() {
        // GIVEN / WHEN the defaults
        Template template = TestStacks.defaultTemplate();

        // THEN the function publishes to the default bus, names excluded, and the enrolment function gets nothing
        TestStacks.hasFunctionEnvironment(
                template,
                FaceRecognition.RECOGNIZE_HANDLER,
                Map.of(
                        "EVENT_BUS_NAME",
                        Match.objectLike(Map.of("Fn::Join", Match.anyValue())),
                        "EVENTS_INCLUDE_NAMES",
                        "false"));
        TestStacks.hasFunctionEnvironment(
                template, FaceRecognition.INDEX_HANDLER, Map.of("EVENT_BUS_NAME", Match.absent()));
        assertThat(watchListRules(template)).isEmpty();
    }

    @Test
    void onWatchListMatch_shouldRefuseTheName_whenItIsNotAValidListName() {
        // GIVEN a pipeline
        TestStacks.stack(stack -> {
            FaceRecognition faces = new FaceRecognition(stack, "Faces");
            Queue queue = new Queue(stack, "Alerts");

            // WHEN / THEN an upper-case list name is refused, and two rules on one list get distinct ids
            assertThatThrownBy(() -> faces.onWatchListMatch("Block", new SqsQueue(queue)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Block");
            assertThat(faces.onWatchListMatch("vip", new SqsQueue(queue))
                            .getNode()
                            .getId())
                    .isNotEqualTo(faces.onWatchListMatch("vip", new SqsQueue(queue))
                            .getNode()
                            .getId());
        });
    }

    /** The rules with an event pattern (the retention schedule's rule has none). */
    private static Map<String, Map<String, Object>> watchListRules(Template template) {
        return template.findResources(
                "AWS::Events::Rule", Map.of("Properties", Match.objectLike(Map.of("EventPattern", Match.anyValue()))));
    }
}
