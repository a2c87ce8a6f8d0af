package dev.facerec.twin.apigateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API Gateway's request throttling: a token bucket per API, stage and route, as big as the burst limit and refilled
 * at the rate limit (requests per second). A bucket whose settings change starts full again.
 */
final class Throttles {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** Takes a token for the route; {@code false} means the request is throttled (429). */
    boolean tryAcquire(String apiId, String stage, String routeKey, RouteThrottle throttle, long nowNanos) {
        if (throttle == null) {
            return true;
        }
        Bucket bucket = buckets.compute(
                apiId + " " + stage + " " + routeKey,
                (key, old) -> old != null && old.throttle.equals(throttle) ? old : new Bucket(throttle, nowNanos));
        return bucket.take(nowNanos);
    }

    private static final class Bucket {
        private final RouteThrottle throttle;
        private double tokens;
        private long refilledAt;

        Bucket(RouteThrottle throttle, long nowNanos) {
            this.throttle = throttle;
            this.tokens = throttle.burstLimit();
            this.refilledAt = nowNanos;
        }

        synchronized boolean take(long nowNanos) {
            double elapsed = (nowNanos - refilledAt) / 1e9;
            tokens = Math.min(throttle.burstLimit(), tokens + elapsed * throttle.rateLimit());
            refilledAt = nowNanos;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
