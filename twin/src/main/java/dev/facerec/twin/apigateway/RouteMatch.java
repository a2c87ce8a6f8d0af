package dev.facerec.twin.apigateway;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The route an HTTP API request goes to, chosen as API Gateway does: a route whose path matches without a greedy
 * variable first, then one with a greedy variable ({@code {proxy+}}, one or more segments), then {@code $default}.
 * Among those, literal segments beat path variables (left to right), a longer greedy prefix beats a shorter one,
 * and the request's own method beats {@code ANY}.
 *
 * @param route the route
 * @param pathParameters the path variables' values, URL-decoded (a greedy one spans its segments, joined by /)
 */
public record RouteMatch(ApiRoute route, Map<String, String> pathParameters) {

    public static final String DEFAULT_ROUTE = "$default";

    /** Parses a route key, or explains why it is not one API Gateway accepts. */
    static void check(String routeKey) {
        if (DEFAULT_ROUTE.equals(routeKey)) {
            return;
        }
        int space = routeKey.indexOf(' ');
        if (space < 1 || !routeKey.startsWith("/", space + 1)) {
            throw new IllegalArgumentException(
                    "route key '" + routeKey + "' is neither $default nor 'METHOD /path' (e.g. 'GET /people/{id}')");
        }
        List<String> segments = segments(routeKey.substring(space + 1));
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).endsWith("+}") && i != segments.size() - 1) {
                throw new IllegalArgumentException(
                        "route key '" + routeKey + "' has a greedy path variable that is not its last segment");
            }
        }
    }

    /** The best route for the method and the (decoded) path, if any. */
    static Optional<RouteMatch> find(Collection<ApiRoute> routes, String method, String path) {
        List<String> request = segments(path);
        List<Candidate> candidates = new ArrayList<>();
        ApiRoute fallback = null;
        for (ApiRoute route : routes) {
            if (DEFAULT_ROUTE.equals(route.routeKey())) {
                fallback = route;
                continue;
            }
            int space = route.routeKey().indexOf(' ');
            String routeMethod = route.routeKey().substring(0, space);
            if (!routeMethod.equals("ANY") && !routeMethod.equals(method)) {
                continue;
            }
            Map<String, String> parameters = match(segments(route.routeKey().substring(space + 1)), request);
            if (parameters != null) {
                candidates.add(new Candidate(route, routeMethod.equals("ANY"), parameters));
            }
        }
        Optional<RouteMatch> best = candidates.stream()
                .min(Candidate.ORDER)
                .map(candidate -> new RouteMatch(candidate.route(), candidate.parameters()));
        if (best.isEmpty() && fallback != null) {
            return Optional.of(new RouteMatch(fallback, Map.of()));
        }
        return best;
    }

    private static Map<String, String> match(List<String> pattern, List<String> request) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String segment = pattern.get(i);
            boolean variable = segment.startsWith("{") && segment.endsWith("}");
            if (variable && segment.endsWith("+}")) {
                if (request.size() <= i) {
                    return null;
                }
                parameters.put(
                        segment.substring(1, segment.length() - 2),
                        String.join("/", request.subList(i, request.size())));
                return parameters;
            }
            if (i >= request.size()) {
                return null;
            }
            if (variable) {
                parameters.put(segment.substring(1, segment.length() - 1), request.get(i));
            } else if (!segment.equals(request.get(i))) {
                return null;
            }
        }
        return pattern.size() == request.size() ? parameters : null;
    }

    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return segments;
    }

    private record Candidate(ApiRoute route, boolean anyMethod, Map<String, String> parameters) {

        static final Comparator<Candidate> ORDER = Comparator.comparing(Candidate::greedy)
                .thenComparing(Candidate::specificity, Comparator.reverseOrder())
                .thenComparing(Candidate::anyMethod);

        boolean greedy() {
            return route.routeKey().endsWith("+}");
        }

        /** Literal segments as 2, variables as 1, left to right: a larger string is a more specific route. */
        String specificity() {
            StringBuilder rank = new StringBuilder();
            for (String segment :
                    segments(route.routeKey().substring(route.routeKey().indexOf(' ') + 1))) {
                rank.append(segment.startsWith("{") ? (segment.endsWith("+}") ? '0' : '1') : '2');
            }
            return rank.toString();
        }
    }
}
