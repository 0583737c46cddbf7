package dev.newsflow.ingest.fetch;

import dev.newsflow.support.net.GuardedSocketAddressResolver;
import dev.newsflow.support.net.RefusedTargetException;
import dev.newsflow.support.net.TargetGuard;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * Fetches feeds and pages over HTTP within {@link FetchLimits}: one deadline for the whole fetch, redirects
 * followed by hand up to a limit (so loops end), gzip decoded with the size cap counted after decompression, and
 * the body read with a byte cap so an endless body fails fast. Never throws: every outcome is a {@link FetchResult}.
 *
 * <p>Every connection, for the first request and each redirect, goes to addresses a {@link TargetGuard} checked:
 * Jetty's client resolves hosts through a {@link GuardedSocketAddressResolver}, so unless
 * {@link FetchLimits#allowPrivateAddresses()} a host that resolves to a non-public address is not contacted and the
 * fetch fails as {@link FailureKind#FORBIDDEN_ADDRESS}, and since the client connects to the very addresses the
 * guard looked up, a DNS server that answers differently a second time (DNS rebinding) gets nowhere. Feed URLs,
 * their redirects and the links in feeds are all written by others; without the guard a feed could make ingest probe
 * the network it runs in (server-side request forgery).
 *
 * <p>Thread-safe; one instance serves all feeds. Close it to stop its client's threads.
 */
public final class HttpFetcher implements AutoCloseable {

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

    /**
     * A fetcher whose guard follows {@link FetchLimits#allowPrivateAddresses()} and
     * {@link FetchLimits#trustedHosts()}, with the system resolver.
     */
    public HttpFetcher(FetchLimits limits) {
        this(limits, limits.allowPrivateAddresses() ? TargetGuard.allowingPrivateTargets()
                : TargetGuard.refusingPrivateTargets().trusting(limits.trustedHosts()));
    }

    /**
     * A fetcher with a guard of its own, e.g. over a fake resolver in tests. The guard alone decides which
     * addresses are fetched; {@link FetchLimits#allowPrivateAddresses()} is not consulted.
     */
    public HttpFetcher(FetchLimits limits, TargetGuard guard) {
        this.limits = Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(guard, "guard");
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("http-fetch");
        threads.setDaemon(true);
        client = new HttpClient();
        client.setExecutor(threads);
        client.setScheduler(new ScheduledExecutorScheduler("http-fetch-scheduler", true));
        client.setSocketAddressResolver(new GuardedSocketAddressResolver(guard, threads));
        client.setConnectTimeout(limits.connectTimeout().toMillis());
        client.setFollowRedirects(false);
        client.setUserAgentField(null);
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the HTTP client", e);
        }
        // bodies are decoded here, so the size cap counts decoded bytes; starting the client installs its decoders
        client.getContentDecoderFactories().clear();
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the HTTP client", e);
        }
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
            Exchange exchange = exchange(current, accept, validators, deadline, redirects > 0);
            if (exchange.failure() != null) {
                return withMove(exchange.failure(), movedTo);
            }
            Response response = exchange.response();
            int status = response.getStatus();
            ResponseHints hints = ResponseHints.of(status, response.getHeaders(), movedTo);
            if (isRedirect(status)) {
                if (redirects >= limits.maxRedirects()) {
                    return new FetchResult.Failed(current, FailureKind.TOO_MANY_REDIRECTS,
                            "more than " + limits.maxRedirects() + " redirects, last to " + LogUrls.of(current), hints);
                }
                String location = response.getHeaders().get(HttpHeader.LOCATION);
                if (location == null) {
                    return new FetchResult.Failed(current, FailureKind.BAD_RESPONSE,
                            "HTTP " + status + " redirect without a Location header", hints);
                }
                try {
                    current = current.resolve(new URI(location.strip().replace(" ", "%20")));
                } catch (URISyntaxException | IllegalArgumentException e) {
                    return new FetchResult.Failed(current, FailureKind.BAD_RESPONSE,
                            "HTTP " + status + " redirect to an invalid Location: " + location, hints);
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
            return fetched(current, response, exchange.body(), hints);
        }
    }

    private static FetchResult.Failed withMove(FetchResult.Failed failed, URI movedTo) {
        return movedTo == null ? failed
                : new FetchResult.Failed(failed.uri(), failed.kind(), failed.message(), failed.hints().movedTo(movedTo));
    }

    private static CacheValidators validators(Response response) {
        return new CacheValidators(response.getHeaders().get(HttpHeader.ETAG),
                response.getHeaders().get(HttpHeader.LAST_MODIFIED));
    }

    private FetchResult fetched(URI uri, Response response, byte[] raw, ResponseHints hints) {
        byte[] body;
        try {
            body = ContentDecoding.decode(response.getHeaders().get(HttpHeader.CONTENT_ENCODING), raw,
                    limits.maxBytes());
        } catch (BodyTooLargeException e) {
            return withMove(tooLarge(uri, "after decompression"), hints.movedTo());
        } catch (IOException e) {
            return new FetchResult.Failed(uri, FailureKind.BAD_RESPONSE, "cannot decode body: " + e.getMessage(),
                    hints);
        }
        return new FetchResult.Fetched(uri, response.getStatus(), response.getHeaders().get(HttpHeader.CONTENT_TYPE),
                validators(response), body, hints);
    }

    /** One request and its response with the body kept (2xx only), or the failure that stopped it. */
    private record Exchange(Response response, byte[] body, FetchResult.Failed failure) {
    }

    private Exchange exchange(URI uri, String accept, CacheValidators validators, long deadline,
                              boolean redirected) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            return failed(uri, FailureKind.TIMEOUT, "no complete answer within " + describe(limits.totalTimeout()));
        }
        Request request;
        try {
            request = request(uri, accept, validators, remaining);
        } catch (IllegalArgumentException e) {
            return failed(uri, FailureKind.BAD_RESPONSE, "cannot request " + LogUrls.of(uri) + ": " + e.getMessage());
        }
        BodyCollector collector = new BodyCollector(limits.maxBytes());
        request.send(collector);
        Result result;
        try {
            // the request's own timeout ends it; the margin only guards against a listener that never completes
            result = collector.result.get(remaining + TimeUnit.SECONDS.toNanos(1), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            request.abort(e);
            return failed(uri, FailureKind.TIMEOUT, "no complete answer within " + describe(limits.totalTimeout()));
        } catch (InterruptedException e) {
            request.abort(e);
            Thread.currentThread().interrupt();
            return failed(uri, FailureKind.INTERRUPTED, "interrupted while fetching " + LogUrls.of(uri));
        } catch (ExecutionException e) {
            return new Exchange(null, null, failure(uri, e.getCause(), redirected));
        }
        Throwable failure = result.getFailure();
        if (failure != null && !(failure instanceof ErrorBodySkipped && result.getResponse() != null)) {
            return new Exchange(null, null, failure(uri, failure, redirected));
        }
        return new Exchange(result.getResponse(), collector.body(), null);
    }

    private Request request(URI uri, String accept, CacheValidators validators, long timeoutNanos) {
        Request request = client.newRequest(uri)
                .timeout(timeoutNanos, TimeUnit.NANOSECONDS)
                .agent(limits.userAgent())
                .headers(headers -> {
                    headers.put(HttpHeader.ACCEPT, accept);
                    headers.put(HttpHeader.ACCEPT_ENCODING, "gzip");
                    if (validators.etag() != null) {
                        headers.put(HttpHeader.IF_NONE_MATCH, validators.etag());
                    }
                    if (validators.lastModified() != null) {
                        headers.put(HttpHeader.IF_MODIFIED_SINCE, validators.lastModified());
                    }
                });
        return request;
    }

    private FetchResult.Failed failure(URI uri, Throwable cause, boolean redirected) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLargeException) {
                return tooLarge(uri, "");
            }
            if (t instanceof RefusedTargetException refused) {
                String what = redirected ? "a redirect to " + hostAndPort(uri) : hostAndPort(uri);
                return new FetchResult.Failed(uri, FailureKind.FORBIDDEN_ADDRESS, "refused to fetch " + what + ": "
                        + refused.verdict().describe() + "; set ingest.fetch.allow-private-addresses=true to allow it");
            }
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return new FetchResult.Failed(uri, FailureKind.UNREACHABLE, "unknown host " + uri.getHost()
                        + (redirected ? " (redirected there)" : ""));
            }
            if (t instanceof SocketTimeoutException) {
                return new FetchResult.Failed(uri, FailureKind.TIMEOUT,
                        "no connection to " + hostAndPort(uri) + " within " + describe(limits.connectTimeout()));
            }
            if (t instanceof TimeoutException) {
                return new FetchResult.Failed(uri, FailureKind.TIMEOUT,
                        "no complete answer within " + describe(limits.totalTimeout()));
            }
            if (t instanceof ConnectException) {
                return new FetchResult.Failed(uri, FailureKind.UNREACHABLE,
                        "cannot connect to " + hostAndPort(uri) + message(t));
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
        return new Exchange(null, null, new FetchResult.Failed(uri, kind, message));
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

    /** An error response's body was longer than the part read of it; the status still counts. */
    private static final class ErrorBodySkipped extends IOException {
        private static final long serialVersionUID = 1L;

        ErrorBodySkipped() {
            super("error body longer than " + ERROR_BODY_BYTES + " bytes; not read further", null);
        }
    }

    /**
     * Keeps a 2xx body up to the cap and fails the response past it, which closes the connection, so an endless
     * body costs at most the cap in memory. Other bodies are read and dropped up to {@link #ERROR_BODY_BYTES}, so a
     * short error page leaves the connection reusable and a long one does not keep it busy.
     */
    private static final class BodyCollector implements Response.Listener {

        final CompletableFuture<Result> result = new CompletableFuture<>();
        private final long cap;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private long skipped;

        BodyCollector(long cap) {
            this.cap = cap;
        }

        @Override
        public void onContent(Response response, ByteBuffer content) {
            int length = content.remaining();
            if (response.getStatus() < 200 || response.getStatus() > 299) {
                skipped += length;
                if (skipped > ERROR_BODY_BYTES) {
                    response.abort(new ErrorBodySkipped());
                }
                return;
            }
            if (kept.size() + (long) length > cap) {
                response.abort(new BodyTooLargeException(cap));
                return;
            }
            byte[] bytes = new byte[length];
            content.get(bytes);
            kept.writeBytes(bytes);
        }

        @Override
        public void onComplete(Result completed) {
            result.complete(completed);
        }

        byte[] body() {
            return kept.toByteArray();
        }
    }
}
