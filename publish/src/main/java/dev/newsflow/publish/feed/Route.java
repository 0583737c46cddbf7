package dev.newsflow.publish.feed;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an HTTP request to the publish server asks for, read from its decoded path and query parameters without any
 * HTTP library. Messages of {@link BadRequest} never quote the request: they are safe to send back as they are.
 */
public sealed interface Route {

    int MAX_VALUE_LENGTH = 200;
    Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}");
    String FEEDS = "/feeds/";

    /** A feed in a format. */
    record Feed(FeedFormat format, ArticleQuery query) implements Route {
    }

    /** The live stream, resuming after the article {@code lastEventId} when present. */
    record Stream(ArticleQuery query, Optional<String> lastEventId) implements Route {
    }

    /** Liveness. */
    record Health() implements Route {
    }

    /** Nothing here. */
    record NotFound() implements Route {
    }

    /** The request is malformed; the message says how, without echoing it. */
    record BadRequest(String message) implements Route {
    }

    /**
     * The route of a request.
     *
     * @param path        the decoded path, such as {@code /feeds/tag/medtop:20000642.atom}
     * @param parameters  the decoded query parameters
     * @param lastEventId the {@code Last-Event-ID} header, may be null
     */
    static Route of(String path, Map<String, List<String>> parameters, String lastEventId) {
        if (path == null) {
            return new NotFound();
        }
        if (path.equals("/health/live")) {
            return new Health();
        }
        if (path.equals("/stream")) {
            return query(parameters, ArticleQuery.ALL).map(query -> {
                String last = lastEventId != null ? lastEventId.strip() : first(parameters, "lastEventId");
                if (last != null && !valid(last)) {
                    return (Route) new BadRequest("invalid Last-Event-ID: expected an article id of at most "
                            + MAX_VALUE_LENGTH + " printable characters");
                }
                return new Stream(query, Optional.ofNullable(last).filter(id -> !id.isEmpty()));
            }).orElseGet(() -> queryProblem(parameters));
        }
        if (!path.startsWith(FEEDS)) {
            return new NotFound();
        }
        String file = path.substring(FEEDS.length());
        int dot = file.lastIndexOf('.');
        if (dot < 0) {
            return new NotFound();
        }
        Optional<FeedFormat> format = FeedFormat.ofExtension(file.substring(dot + 1));
        if (format.isEmpty()) {
            return new NotFound();
        }
        String name = file.substring(0, dot);
        ArticleQuery base;
        if (name.equals("all")) {
            base = ArticleQuery.ALL;
        } else {
            int slash = name.indexOf('/');
            if (slash < 0 || name.indexOf('/', slash + 1) >= 0) {
                return new NotFound();
            }
            String kind = name.substring(0, slash);
            String value = name.substring(slash + 1);
            if (!kind.equals("tag") && !kind.equals("source") && !kind.equals("language")) {
                return new NotFound();
            }
            Optional<String> problem = problem(kind, value);
            if (problem.isPresent()) {
                return new BadRequest(problem.get());
            }
            base = ArticleQuery.ALL.and(criterion(kind, Set.of(value)));
        }
        return query(parameters, base).<Route>map(query -> new Feed(format.get(), query))
                .orElseGet(() -> queryProblem(parameters));
    }

    private static Optional<ArticleQuery> query(Map<String, List<String>> parameters, ArticleQuery base) {
        if (queryProblemMessage(parameters).isPresent()) {
            return Optional.empty();
        }
        ArticleQuery query = base;
        for (String kind : List.of("tag", "source", "language")) {
            Set<String> values = values(parameters, kind);
            if (!values.isEmpty()) {
                query = query.and(criterion(kind, values));
            }
        }
        String limit = first(parameters, "limit");
        return Optional.of(limit == null ? query : query.withLimit(Integer.parseInt(limit.strip())));
    }

    private static Route queryProblem(Map<String, List<String>> parameters) {
        return new BadRequest(queryProblemMessage(parameters).orElse("invalid query"));
    }

    private static Optional<String> queryProblemMessage(Map<String, List<String>> parameters) {
        for (String kind : List.of("tag", "source", "language")) {
            for (String value : values(parameters, kind)) {
                Optional<String> problem = problem(kind, value);
                if (problem.isPresent()) {
                    return problem;
                }
            }
        }
        String limit = first(parameters, "limit");
        if (limit != null) {
            try {
                int value = Integer.parseInt(limit.strip());
                if (value < 1 || value > ArticleQuery.MAX_LIMIT) {
                    return Optional.of("invalid limit: expected an integer from 1 to " + ArticleQuery.MAX_LIMIT);
                }
            } catch (NumberFormatException e) {
                return Optional.of("invalid limit: expected an integer from 1 to " + ArticleQuery.MAX_LIMIT);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> problem(String kind, String value) {
        if (kind.equals("language")) {
            return LANGUAGE.matcher(value).matches() ? Optional.empty()
                    : Optional.of("invalid language: expected an ISO 639-1 code such as en or pl");
        }
        return valid(value) ? Optional.empty()
                : Optional.of("invalid " + kind + ": expected an id or name of 1 to " + MAX_VALUE_LENGTH
                        + " printable characters");
    }

    private static ArticleQuery.Criterion criterion(String kind, Set<String> values) {
        return switch (kind) {
            case "tag" -> new ArticleQuery.Tags(values);
            case "source" -> new ArticleQuery.Sources(values);
            default -> new ArticleQuery.Languages(values);
        };
    }

    /** The values of a parameter, repeated or comma-separated, blank ones left out. */
    private static Set<String> values(Map<String, List<String>> parameters, String name) {
        Set<String> values = new LinkedHashSet<>();
        for (String raw : parameters.getOrDefault(name, List.of())) {
            Arrays.stream(raw.split(",")).map(String::strip).filter(value -> !value.isEmpty()).forEach(values::add);
        }
        return values;
    }

    private static String first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.getOrDefault(name, List.of());
        return values.isEmpty() ? null : values.get(0);
    }

    /** Whether the value is 1 to {@link #MAX_VALUE_LENGTH} characters with no control characters. */
    static boolean valid(String value) {
        if (value.isEmpty() || value.length() > MAX_VALUE_LENGTH) {
            return false;
        }
        return value.codePoints().noneMatch(Character::isISOControl);
    }
}
