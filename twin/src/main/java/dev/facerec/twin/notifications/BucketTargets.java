package dev.facerec.twin.notifications;

import java.util.ArrayList;
import java.util.List;

/**
 * The destinations of one bucket's notification configuration.
 *
 * @param lambdas the {@code LambdaFunctionConfigurations}
 * @param queues the {@code QueueConfigurations}
 */
public record BucketTargets(List<LambdaTarget> lambdas, List<QueueTarget> queues) {

    public static final BucketTargets NONE = new BucketTargets(List.of(), List.of());

    public BucketTargets {
        lambdas = List.copyOf(lambdas);
        queues = List.copyOf(queues);
    }

    /** Every target, Lambda functions first. */
    public List<NotificationTarget> all() {
        List<NotificationTarget> all = new ArrayList<>(lambdas);
        all.addAll(queues);
        return all;
    }
}
