package dev.newsflow.ingest.fetch;

import dev.newsflow.support.net.TargetGuard;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fetches feeds and pages over HTTP within {@link FetchLimits}: one deadline for the whole fetch, redirects
 * followed by hand up to a limit (so loops end), gzip decoded with the size cap counted after decompression, and
 * the body read with a byte cap so an endless body fails fast. Never throws: every outcome is a {@link FetchResult}.
 *
 * <p>Every request, the first and each redirect, goes through a {@link TargetGuard} first: unless
 * {@link FetchLimits#allowPrivateAddresses()}, a host that resolves to a non-public address is not contacted and
 * the fetch fails as {@link FailureKind#FORBIDDEN_ADDRESS}. Feed URLs, their redirects and the links in feeds are
 * all written by others; without the guard a feed could make ingest probe the network it runs in (server-side
 * request forgery). The HTTP client resolves the host again when it connects, so DNS rebinding is not caught; an
 * egress proxy or firewall closes that gap.
 *
 * <p>Thread-safe; one instance serves all feeds.
 */
public final class HttpFetcher {

    /** Accept header for feeds. */
    public static final String FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/feed+json, "
            + "application/rdf+xml;q=0.9, "
            + "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5";
    /** Accept header for article pages. */
    public static final String PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5";

    /** Error bodies are read only this far, so the connection can be reused without trusting the server. */
    private static final long ERROR_BODY_BYTES = 64 * 1024;

    private final HttpClient client;
    private final FetchLimits limits;
    private final TargetGuard guard;

    /** A fetcher whose guard follows {@link FetchLimits#allowPrivateAddresses()}, with the system resolver. */
    public HttpFetcher(FetchLimits limits) {
        this(limits, limits.allowPrivateAddresses() ? TargetGuard.allowingPrivateTargets()
                : TargetGuard.refusingPrivateTargets());
    }

    /**
     * A fetcher with a guard of its own, e.g. over a fake resolver in tests. The guard alone decides which
     * addresses are fetched; {@link FetchLimits#allowPrivateAddresses()} is not consulted.
     */
    public HttpFetcher(FetchLimits limits, TargetGuard guard) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.client = HttpClient.newBuilder()
                .connectTimeout(limits.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public FetchLimits limits() {
        return limits;
    }

    /** Fetches without conditional headers. */
    public FetchResult fetch(URI uri, String accept) {
        return fetch(uri, accept, CacheValidators.NONE);
    }

    /**
     * Fetches {@code uri}, sending {@code If-None-Match}/{@code If-Modified-Since} from the validators.
     *
     * @param accept the Accept header, e.g. {@link #FEED_ACCEPT}
     */
    public FetchResult fetch(URI uri, String accept, CacheValidators validators) {
        long deadline = System.nanoTime() + limits.totalTimeout().toNanos();
        URI current = uri;
        URI movedTo = null;
        boolean permanentSoFar = true;
        for (int redirects = 0; ; redirects++) {
            if (!isHttp(current)) {
                return new FetchResult.Failed(current, FailureKind.BAD_RESPONSE,
                        "only http and https URLs are fetched, got " + LogUrls.of(current));
            }
            FetchResult.Failed refused = refusal(current, redirects > 0);
            if (refused != null) {
                return refused;
            }
            Exchange exchange = exchange(current, accept, validators, deadline);
            if (exchange.failure() != null) {
                return withMove(exchange.failure(), movedTo);
            }
            HttpResponse<byte[]> response = exchange.response();
            int status = response.statusCode();
            ResponseHints hints = ResponseHints.of(status, response.headers(), movedTo);
            if (isRedirect(status)) {
                if (redirects >= limits.maxRedirects()) {
                    return new FetchResult.Failed(current, FailureKind.TOO_MANY_REDIRECTS,
                            "more than " + limits.maxRedirects() + " redirects, last to " + LogUrls.of(current), hints);
                }
                var location = response.headers().firstValue("Location");
                if (location.isEmpty()) {
                    return new FetchResult.Failed(current, FailureKind.BAD_RESPONSE,
                            "HTTP " + status + " redirect without a Location header", hints);
                }
                try {
                    current = current.resolve(new URI(location.get().strip().replace(" ", "%20")));
                } catch (URISyntaxException | IllegalArgumentException e) {
                    return new FetchResult.Failed(current, FailureKind.BAD_RESPONSE,
                            "HTTP " + status + " redirect to an invalid Location: " + location.get(), hints);
                }
                // only a chain of permanent redirects from the requested URI moves the resource for good
                permanentSoFar = permanentSoFar && (status == 301 || status == 308);
                if (permanentSoFar) {
                    movedTo = current;
                }
                continue;
            }
            if (status == 304) {
                return new FetchResult.NotModified(current, validators(response), hints);
            }
            if (status < 200 || status > 299) {
                return new FetchResult.Failed(current, FailureKind.HTTP_STATUS,
                        "HTTP " + status + " from " + LogUrls.of(current), hints);
            }
            return fetched(current, response, hints);
        }
    }

    /** Why the guard refuses a request to the URI, or null when it may be made. */
    private FetchResult.Failed refusal(URI uri, boolean redirected) {
        TargetGuard.Verdict verdict;
        try {
            verdict = guard.check(uri);
        } catch (RuntimeException e) {
            return new FetchResult.Failed(uri, FailureKind.UNREACHABLE,
                    "cannot look up the address of " + uri.getHost() + ": " + e);
        }
        String what = redirected ? "a redirect to " + hostAndPort(uri) : hostAndPort(uri);
        if (verdict instanceof TargetGuard.Verdict.Refused forbidden) {
            return new FetchResult.Failed(uri, FailureKind.FORBIDDEN_ADDRESS, "refused to fetch " + what + ": "
                    + forbidden.describe() + "; set ingest.fetch.allow-private-addresses=true to allow it");
        }
        if (verdict instanceof TargetGuard.Verdict.Unresolved) {
            return new FetchResult.Failed(uri, FailureKind.UNREACHABLE, "unknown host " + uri.getHost()
                    + (redirected ? " (redirected there)" : ""));
        }
        return null;
    }

    private static FetchResult.Failed withMove(FetchResult.Failed failed, URI movedTo) {
        return movedTo == null ? failed
                : new FetchResult.Failed(failed.uri(), failed.kind(), failed.message(), failed.hints().movedTo(movedTo));
    }

    private static CacheValidators validators(HttpResponse<?> response) {
        return new CacheValidators(response.headers().firstValue("ETag").orElse(null),
                response.headers().firstValue("Last-Modified").orElse(null));
    }

    private FetchResult fetched(URI uri, HttpResponse<byte[]> response, ResponseHints hints) {
        byte[] body;
        try {
            body = ContentDecoding.decode(response.headers().firstValue("Content-Encoding").orElse(null),
                    response.body(), limits.maxBytes());
        } catch (CappedBodySubscriber.BodyTooLargeException e) {
            return withMove(tooLarge(uri, "after decompression"), hints.movedTo());
        } catch (IOException e) {
            return new FetchResult.Failed(uri, FailureKind.BAD_RESPONSE, "cannot decode body: " + e.getMessage(),
                    hints);
        }
        return new FetchResult.Fetched(uri, response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null), validators(response), body, hints);
    }

    /** One request and its response, or the failure that stopped it. */
    private record Exchange(HttpResponse<byte[]> response, FetchResult.Failed failure) {
    }

    private Exchange exchange(URI uri, String accept, CacheValidators validators, long deadline) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            return failed(uri, FailureKind.TIMEOUT, "no complete answer within " + describe(limits.totalTimeout()));
        }
        HttpRequest request;
        try {
            request = request(uri, accept, validators, Duration.ofNanos(remaining));
        } catch (IllegalArgumentException e) {
            return failed(uri, FailureKind.BAD_RESPONSE, "cannot request " + LogUrls.of(uri) + ": " + e.getMessage());
        }
        AtomicReference<CappedBodySubscriber> body = new AtomicReference<>();
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, info -> {
            boolean success = info.statusCode() >= 200 && info.statusCode() <= 299;
            CappedBodySubscriber subscriber = success
                    ? new CappedBodySubscriber(limits.maxBytes(), true)
                    : new CappedBodySubscriber(ERROR_BODY_BYTES, false);
            body.set(subscriber);
            return subscriber;
        });
        try {
            return new Exchange(future.get(remaining, TimeUnit.NANOSECONDS), null);
        } catch (TimeoutException e) {
            abort(future, body);
            return failed(uri, FailureKind.TIMEOUT, "no complete answer within " + describe(limits.totalTimeout()));
        } catch (InterruptedException e) {
            abort(future, body);
            Thread.currentThread().interrupt();
            return failed(uri, FailureKind.INTERRUPTED, "interrupted while fetching " + LogUrls.of(uri));
        } catch (ExecutionException e) {
            return new Exchange(null, failure(uri, e.getCause()));
        }
    }

    private HttpRequest request(URI uri, String accept, CacheValidators validators, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", accept)
                .header("Accept-Encoding", "gzip")
                .header("User-Agent", limits.userAgent())
                .GET();
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            // plain-text HTTP/2 needs an Upgrade dance many small servers get wrong
            builder.version(HttpClient.Version.HTTP_1_1);
        }
        if (validators.etag() != null) {
            builder.header("If-None-Match", validators.etag());
        }
        if (validators.lastModified() != null) {
            builder.header("If-Modified-Since", validators.lastModified());
        }
        return builder.build();
    }

    private FetchResult.Failed failure(URI uri, Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof CappedBodySubscriber.BodyTooLargeException) {
                return tooLarge(uri, "");
            }
            if (t instanceof HttpConnectTimeoutException) {
                return new FetchResult.Failed(uri, FailureKind.TIMEOUT,
                        "no connection to " + hostAndPort(uri) + " within " + describe(limits.connectTimeout()));
            }
            if (t instanceof HttpTimeoutException) {
                return new FetchResult.Failed(uri, FailureKind.TIMEOUT,
                        "no answer within " + describe(limits.totalTimeout()));
            }
            if (t instanceof ConnectException) {
                return new FetchResult.Failed(uri, FailureKind.UNREACHABLE,
                        "cannot connect to " + hostAndPort(uri) + message(t));
            }
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return new FetchResult.Failed(uri, FailureKind.UNREACHABLE, "unknown host " + uri.getHost());
            }
        }
        return new FetchResult.Failed(uri, FailureKind.NETWORK,
                "connection to " + hostAndPort(uri) + " failed: " + cause.getClass().getSimpleName() + message(cause));
    }

    private FetchResult.Failed tooLarge(URI uri, String when) {
        return new FetchResult.Failed(uri, FailureKind.TOO_LARGE,
                ("body larger than " + limits.maxBytes() + " bytes " + when).strip());
    }

    private static Exchange failed(URI uri, FailureKind kind, String message) {
        return new Exchange(null, new FetchResult.Failed(uri, kind, message));
    }

    private static void abort(CompletableFuture<?> future, AtomicReference<CappedBodySubscriber> body) {
        CappedBodySubscriber subscriber = body.get();
        if (subscriber != null) {
            subscriber.cancel();
        }
        future.cancel(true);
    }

    /** Host and port without any user info, which may hold credentials. */
    private static String hostAndPort(URI uri) {
        return uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    private static boolean isHttp(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static String message(Throwable t) {
        return t.getMessage() == null || t.getMessage().isBlank() ? "" : ": " + t.getMessage();
    }

    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
