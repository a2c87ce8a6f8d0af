package dev.facerec.twin.apigateway;

/**
 * The throttling of a route on a stage ({@code ThrottlingBurstLimit}, {@code ThrottlingRateLimit}).
 *
 * @param burstLimit how many requests may come at once (the token bucket's size)
 * @param rateLimit the steady rate, requests per second (the bucket's refill)
 */
public record RouteThrottle(int burstLimit, double rateLimit) {}
