package dev.newsflow.publish.webhook;

import dev.newsflow.support.net.TargetGuard;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Makes one webhook attempt over HTTP and sorts what happened into a {@link DeliveryOutcome}. */
public final class WebhookSender {

    private final HttpClient client;
    private final Duration timeout;
    private final TargetGuard guard;
    private final Clock clock;

    /**
     * @param client  should not follow redirects ({@link #defaultClient} does not): a redirect could lead a
     *                signed message to a target the guard never saw
     * @param timeout how long a subscriber has to answer, body included
     * @param guard   checks the target before every attempt (see {@link TargetGuard}); a refused target is a
     *                {@link DeliveryOutcome.Rejected}, a host that does not resolve a {@link DeliveryOutcome.Retry}
     */
    public WebhookSender(HttpClient client, Duration timeout, TargetGuard guard, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** An HTTP/1.1 client that does not follow redirects and gives up connecting after the timeout. */
    public static HttpClient defaultClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
    }

    /**
     * Sends the request once.
     *
     * @throws InterruptedException when the thread is interrupted; the request is then cancelled
     */
    public DeliveryOutcome send(WebhookRequest request) throws InterruptedException {
        TargetGuard.Verdict verdict = guard.check(request.url());
        if (verdict instanceof TargetGuard.Verdict.Refused refused) {
            return new DeliveryOutcome.Rejected("refused: " + refused.describe()
                    + "; set publish.allow-private-targets=true to allow it");
        }
        if (verdict instanceof TargetGuard.Verdict.Unresolved unresolved) {
            return new DeliveryOutcome.Retry(unresolved.describe());
        }
        HttpRequest.Builder http = HttpRequest.newBuilder(request.url())
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(http::header);
        CompletableFuture<HttpResponse<Void>> response =
                client.sendAsync(http.build(), HttpResponse.BodyHandlers.discarding());
        try {
            // The request timeout covers the response headers only; this bounds a subscriber that trickles its body.
            HttpResponse<Void> answer = response.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return OutcomeClassifier.ofStatus(answer.statusCode(), answer.headers().firstValue("retry-after"),
                    clock.instant());
        } catch (TimeoutException e) {
            response.cancel(true);
            return new DeliveryOutcome.Retry("no answer within " + timeout);
        } catch (ExecutionException e) {
            return OutcomeClassifier.ofFailure(e.getCause() == null ? e : e.getCause(), timeout);
        } catch (InterruptedException e) {
            response.cancel(true);
            throw e;
        }
    }
}
