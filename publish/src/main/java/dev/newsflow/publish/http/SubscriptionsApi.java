package dev.newsflow.publish.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.contract.Json;
import dev.newsflow.publish.subscription.StoredSubscription;
import dev.newsflow.publish.subscription.SubscriptionException;
import dev.newsflow.publish.subscription.SubscriptionOperations;
import dev.newsflow.publish.subscription.SubscriptionView;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriptions API under {@value #PREFIX}, JSON in and out, each request authenticated by
 * {@code Authorization: Bearer <key>} against {@code publish.api.keys}. Without keys the API does not exist (404 for
 * every path), so an instance nobody configured for it does not advertise it. Errors are {@code {"error": ...}}
 * in newsflow's words, never echoing the request; secrets are never returned.
 *
 * <pre>
 * POST   /api/v1/subscriptions                    create (201, 400, 409)
 * GET    /api/v1/subscriptions                    list (200)
 * GET    /api/v1/subscriptions/{id}               get (200, 404)
 * PUT    /api/v1/subscriptions/{id}               update filter and delivery (200, 400, 404, 409)
 * DELETE /api/v1/subscriptions/{id}               delete (204, 404, 409)
 * POST   /api/v1/subscriptions/{id}/pause         pause (200, 404)
 * POST   /api/v1/subscriptions/{id}/resume        resume (200, 404)
 * POST   /api/v1/subscriptions/{id}/replay?from=T deliver again from time T (200, 400, 404, 409, 503)
 * GET    /api/v1/subscriptions/{id}/failed        deliveries that exhausted their attempts (200, 404)
 * POST   /api/v1/subscriptions/{id}/failed/replay deliver them again, in the background (202, 404, 409)
 * </pre>
 */
public final class SubscriptionsApi {

    static final String PREFIX = "/api/v1/subscriptions";
    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final String JSON = "application/json";

    private static final Logger log = LoggerFactory.getLogger(SubscriptionsApi.class);

    private final SubscriptionOperations operations;
    private final List<byte[]> keys;

    public SubscriptionsApi(SubscriptionOperations operations, List<String> keys) {
        this.operations = Objects.requireNonNull(operations, "operations");
        this.keys = keys.stream().map(key -> key.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** Whether the path belongs to the API. */
    static boolean claims(String path) {
        return path.equals("/api") || path.startsWith("/api/");
    }

    void handle(Request request, Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (keys.isEmpty()) {
            refuse(request, response, callback, HttpStatus.NOT_FOUND_404, "not found");
            return;
        }
        if (!authorized(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"newsflow\"");
            refuse(request, response, callback, HttpStatus.UNAUTHORIZED_401,
                    "a valid API key is required: Authorization: Bearer <key>");
            return;
        }
        String path = Request.getPathInContext(request);
        if (!(path.equals(PREFIX) || path.startsWith(PREFIX + "/"))) {
            refuse(request, response, callback, HttpStatus.NOT_FOUND_404, "not found; the API is at " + PREFIX);
            return;
        }
        List<String> segments = Arrays.stream(path.substring(PREFIX.length()).split("/"))
                .filter(segment -> !segment.isEmpty()).toList();
        try {
            route(request, response, callback, segments);
        } catch (SubscriptionException e) {
            int status = switch (e.kind()) {
                case INVALID -> HttpStatus.BAD_REQUEST_400;
                case NOT_FOUND -> HttpStatus.NOT_FOUND_404;
                case CONFLICT -> HttpStatus.CONFLICT_409;
                case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE_503;
            };
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", e.getMessage());
            if (e.problems().size() > 1) {
                body.put("problems", e.problems());
            }
            json(response, callback, status, body);
        } catch (BadRequest e) {
            error(response, callback, e.status, e.getMessage());
        } catch (RuntimeException e) {
            log.error("Subscriptions API: {} {} failed", request.getMethod(), path, e);
            error(response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500, "internal error");
        }
    }

    private void route(Request request, Response response, Callback callback, List<String> segments) {
        String method = request.getMethod();
        if (segments.isEmpty()) {
            switch (method) {
                case "GET" -> json(response, callback, HttpStatus.OK_200,
                        Map.of("subscriptions", operations.list().stream().map(SubscriptionView::of).toList()));
                case "POST" -> {
                    StoredSubscription created = operations.create(body(request));
                    response.getHeaders().put(HttpHeader.LOCATION, PREFIX + "/" + created.id());
                    json(response, callback, HttpStatus.CREATED_201, SubscriptionView.of(created));
                }
                default -> notAllowed(response, callback, "GET, POST");
            }
            return;
        }
        String id = segments.get(0);
        String action = String.join("/", segments.subList(1, segments.size()));
        switch (action) {
            case "" -> {
                switch (method) {
                    case "GET" -> json(response, callback, HttpStatus.OK_200, SubscriptionView.of(
                            operations.get(checked(id)).orElseThrow(() -> SubscriptionException.notFound(id))));
                    case "PUT" -> json(response, callback, HttpStatus.OK_200,
                            SubscriptionView.of(operations.update(checked(id), body(request))));
                    case "DELETE" -> {
                        operations.delete(checked(id));
                        response.setStatus(HttpStatus.NO_CONTENT_204);
                        callback.succeeded();
                    }
                    default -> notAllowed(response, callback, "GET, PUT, DELETE");
                }
            }
            case "pause", "resume", "replay", "failed/replay" -> {
                if (!method.equals("POST")) {
                    notAllowed(response, callback, "POST");
                    return;
                }
                switch (action) {
                    case "pause" -> json(response, callback, HttpStatus.OK_200,
                            SubscriptionView.of(operations.pause(checked(id))));
                    case "resume" -> json(response, callback, HttpStatus.OK_200,
                            SubscriptionView.of(operations.resume(checked(id))));
                    case "replay" -> {
                        SubscriptionOperations.Replay replay = operations.replay(checked(id), from(request));
                        json(response, callback, HttpStatus.OK_200, Map.of("id", replay.id(),
                                "from", replay.from().toString(), "partitions", replay.partitions()));
                    }
                    default -> json(response, callback, HttpStatus.ACCEPTED_202,
                            Map.of("id", id, "replaying", operations.replayFailed(checked(id))));
                }
            }
            case "failed" -> {
                if (!method.equals("GET")) {
                    notAllowed(response, callback, "GET");
                    return;
                }
                json(response, callback, HttpStatus.OK_200, Map.of("failed", operations.failed(checked(id)).stream()
                        .map(failed -> SubscriptionView.of(failed, operations.webhookId(failed))).toList()));
            }
            default -> error(response, callback, HttpStatus.NOT_FOUND_404, "not found");
        }
    }

    private boolean authorized(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (byte[] key : keys) {
            match |= MessageDigest.isEqual(key, given);
        }
        return match;
    }

    private static String checked(String id) {
        return dev.newsflow.publish.subscription.SubscriptionInput.checkId(id);
    }

    private static Instant from(Request request) {
        Fields query;
        try {
            query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            throw new BadRequest(HttpStatus.BAD_REQUEST_400, "malformed query string");
        }
        String from = query.getValue("from");
        if (from == null || from.isBlank()) {
            throw new BadRequest(HttpStatus.BAD_REQUEST_400,
                    "from is required: an ISO 8601 time such as 2025-03-01T10:00:00Z");
        }
        try {
            return OffsetDateTime.parse(from.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadRequest(HttpStatus.BAD_REQUEST_400,
                    "from must be an ISO 8601 time with an offset, such as 2025-03-01T10:00:00Z");
        }
    }

    private static JsonNode body(Request request) {
        byte[] bytes;
        try (InputStream in = Content.Source.asInputStream(request)) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw new BadRequest(HttpStatus.BAD_REQUEST_400, "could not read the body");
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new BadRequest(HttpStatus.PAYLOAD_TOO_LARGE_413,
                    "the body must be at most " + MAX_BODY_BYTES + " bytes");
        }
        try {
            return Json.mapper().readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new BadRequest(HttpStatus.BAD_REQUEST_400, "the body is not valid JSON");
        } catch (IOException e) {
            throw new BadRequest(HttpStatus.BAD_REQUEST_400, "could not read the body");
        }
    }

    /**
     * Answers with an error before the body was read, reading and dropping a body of up to {@link #MAX_BODY_BYTES}
     * first: answered with its body unread, the connection is closed under a client still sending it, which then
     * sees a broken pipe instead of the answer. A larger body is not read; its client may see that.
     */
    private static void refuse(Request request, Response response, Callback callback, int status, String message) {
        try (InputStream in = Content.Source.asInputStream(request)) {
            in.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            // the client went away: the answer below fails too, and nothing else is owed to it
        }
        error(response, callback, status, message);
    }

    private static void notAllowed(Response response, Callback callback, String allowed) {
        response.getHeaders().put(HttpHeader.ALLOW, allowed);
        error(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "method not allowed; use " + allowed);
    }

    private static void error(Response response, Callback callback, int status, String message) {
        json(response, callback, status, Map.of("error", message));
    }

    private static void json(Response response, Callback callback, int status, Object body) {
        byte[] bytes;
        try {
            bytes = Json.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    /** A request the API refuses before any operation runs. */
    private static final class BadRequest extends RuntimeException {
        private final int status;

        BadRequest(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }
}
