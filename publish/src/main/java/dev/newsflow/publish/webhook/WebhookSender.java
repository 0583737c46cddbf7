package dev.newsflow.publish.webhook;

import dev.newsflow.support.net.GuardedSocketAddressResolver;
import dev.newsflow.support.net.RefusedTargetException;
import dev.newsflow.support.net.TargetGuard;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Makes webhook attempts over HTTP with Jetty's non-blocking client and sorts what happened into a
 * {@link DeliveryOutcome}. Many attempts may be in flight at once; none holds a thread while it waits.
 *
 * <p>The client resolves hosts through {@link GuardedSocketAddressResolver}: it connects to exactly the addresses
 * {@link TargetGuard} checked, with no second lookup a DNS server could answer differently (DNS rebinding). A refused
 * target is a {@link DeliveryOutcome.Rejected}, a host that does not resolve a {@link DeliveryOutcome.Retry}.
 * Redirects are not followed (a redirect could lead a signed message to a target the guard never saw), the timeout
 * covers the whole exchange, body included, and the response body is read and dropped.
 */
public final class WebhookSender implements AutoCloseable {

    /** Threads of the client: its selector and the callbacks; none waits for a subscriber. */
    private static final int CLIENT_THREADS = 8;

    /** Runs host lookups, which block; threads end after a minute idle. */
    private static final Executor LOOKUPS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "publish-webhook-lookup");
        thread.setDaemon(true);
        return thread;
    });

    private final HttpClient client;
    private final Duration timeout;
    private final Clock clock;

    private WebhookSender(HttpClient client, Duration timeout, Clock clock) {
        this.client = client;
        this.timeout = timeout;
        this.clock = clock;
    }

    /**
     * Starts a sender.
     *
     * @param timeout                     how long a subscriber has to answer one request, body included; also the
     *                                    connect timeout
     * @param guard                       checks every host the client connects to (see {@link TargetGuard})
     * @param maxConnectionsPerSubscriber connections kept to one subscriber: the most requests in flight to it
     */
    public static WebhookSender start(Duration timeout, TargetGuard guard, Clock clock,
                                      int maxConnectionsPerSubscriber) {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(guard, "guard");
        Objects.requireNonNull(clock, "clock");
        QueuedThreadPool threads = new QueuedThreadPool(CLIENT_THREADS, 2);
        threads.setName("publish-webhook");
        threads.setDaemon(true);
        HttpClient client = new HttpClient();
        client.setExecutor(threads);
        // the lookups block (as long as a DNS server takes), so they run on threads of their own: a slow lookup for
        // one subscriber's host never holds up the answers of another
        client.setSocketAddressResolver(new ResolverFailures(new GuardedSocketAddressResolver(guard, LOOKUPS)));
        client.setFollowRedirects(false);
        client.setConnectTimeout(timeout.toMillis());
        client.setIdleTimeout(Math.max(timeout.toMillis(), Duration.ofSeconds(30).toMillis()));
        // each subscription is its own destination (requests are tagged with it): its pool, its queue
        client.setMaxConnectionsPerDestination(Math.max(1, maxConnectionsPerSubscriber));
        client.setMaxRequestsQueuedPerDestination(Math.max(1024, 4 * maxConnectionsPerSubscriber));
        client.setUserAgentField(null);
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the webhook HTTP client", e);
        }
        return new WebhookSender(client, timeout, clock);
    }

    /**
     * Sends the request once, without blocking.
     *
     * @param pool requests with the same pool (a subscription id) share connections; different pools never do, so a
     *             slow subscriber cannot take the connections of another on the same host
     * @return the outcome; fails only when the attempt could not be made for a reason that is neither the target's
     *         nor the network's (a bug, a bad request), which retrying would not cure
     */
    public CompletableFuture<DeliveryOutcome> sendAsync(WebhookRequest request, String pool) {
        CompletableFuture<DeliveryOutcome> outcome = new CompletableFuture<>();
        send(request, pool, outcome, true);
        return outcome;
    }

    private void send(WebhookRequest request, String pool, CompletableFuture<DeliveryOutcome> outcome,
                      boolean mayResend) {
        Request http;
        try {
            http = client.newRequest(request.url())
                    .method(HttpMethod.POST)
                    .tag(pool)
                    .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .body(new BytesRequestContent(WebhookRequest.CONTENT_TYPE, request.body()));
            http.headers(headers -> request.headers().forEach(headers::put));
        } catch (RuntimeException e) {
            outcome.completeExceptionally(e);
            return;
        }
        // the complete listener reads the response body and drops it
        http.send(result -> {
            if (mayResend && closedBeforeAnswering(result)) {
                // A kept-alive connection the subscriber closed while the request was on its way: not an attempt
                // that failed, so sent once more at once, on a new connection. Should the subscriber have taken it
                // nevertheless, it drops the copy by its webhook-id.
                send(request, pool, outcome, false);
                return;
            }
            complete(result, outcome);
        });
    }

    /** Whether the connection ended (end of file, closed) before any answer, as a stale kept-alive one does. */
    private static boolean closedBeforeAnswering(Result result) {
        return result.isFailed() && result.getResponse().getStatus() == 0
                && (OutcomeClassifier.causeOf(result.getFailure(), EOFException.class) != null
                || OutcomeClassifier.causeOf(result.getFailure(), ClosedChannelException.class) != null);
    }

    /**
     * Sends the request once and waits for the outcome.
     *
     * @throws InterruptedException when the thread is interrupted; the request is then aborted
     */
    public DeliveryOutcome send(WebhookRequest request) throws InterruptedException {
        CompletableFuture<DeliveryOutcome> outcome = sendAsync(request, "replay");
        try {
            // the request timeout covers the exchange; the margin only guards against a callback that never comes
            return outcome.get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            outcome.cancel(true);
            return new DeliveryOutcome.Retry("no answer within " + timeout);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            outcome.cancel(true);
            throw e;
        }
    }

    private void complete(Result result, CompletableFuture<DeliveryOutcome> outcome) {
        try {
            if (!result.isFailed()) {
                outcome.complete(OutcomeClassifier.ofStatus(result.getResponse().getStatus(),
                        Optional.ofNullable(result.getResponse().getHeaders().get(HttpHeader.RETRY_AFTER)),
                        clock.instant()));
                return;
            }
            Throwable failure = result.getFailure();
            RefusedTargetException refused = OutcomeClassifier.causeOf(failure, RefusedTargetException.class);
            ResolverFailure bug = OutcomeClassifier.causeOf(failure, ResolverFailure.class);
            if (refused != null) {
                outcome.complete(new DeliveryOutcome.Rejected("refused: " + refused.verdict().describe()
                        + "; set publish.allow-private-targets=true to allow it"));
            } else if (bug != null) {
                outcome.completeExceptionally(bug.getCause());
            } else {
                outcome.complete(OutcomeClassifier.ofFailure(failure, timeout));
            }
        } catch (RuntimeException e) {
            outcome.completeExceptionally(e);
        }
    }

    /** The guard failed with neither a refusal nor an unknown host: a bug, which no retry cures. */
    private static final class ResolverFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ResolverFailure(Throwable cause) {
            super(cause);
        }
    }

    /**
     * Tells the guard's own failures apart from the network's: any failure of an exchange is retried, except an
     * exception of the guard other than a refusal or an unknown host.
     */
    private record ResolverFailures(SocketAddressResolver delegate) implements SocketAddressResolver {
        @Override
        public void resolve(String host, int port, Map<String, Object> context,
                            Promise<List<InetSocketAddress>> promise) {
            delegate.resolve(host, port, context, Promise.from(promise::succeeded, failure -> promise.failed(
                    failure instanceof IOException ? failure : new ResolverFailure(failure))));
        }
    }

    /** Stops the client; requests in flight fail. */
    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the webhook HTTP client", e);
        }
    }
}
