package dev.newsflow.publish.webhook;

import static dev.newsflow.publish.TestArticles.SECRET;
import static dev.newsflow.publish.TestArticles.article;
import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.publish.WebhookReceiver;
import dev.newsflow.publish.subscription.Subscription;
import dev.newsflow.publish.subscription.SubscriptionFilter;
import dev.newsflow.publish.subscription.WebhookDelivery;
import dev.newsflow.support.net.TargetGuard;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookSenderTest {

    /** Long enough that a loaded machine never turns an answer into a timeout. */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(500);

    private final List<WebhookSender> senders = new CopyOnWriteArrayList<>();

    private final Clock clock = Clock.systemUTC();
    private final WebhookSender sender = track(WebhookSender.start(TIMEOUT,
            TargetGuard.allowingPrivateTargets(), clock, 4));
    private WebhookReceiver receiver;

    private WebhookSender track(WebhookSender sender) {
        senders.add(sender);
        return sender;
    }

    @AfterEach
    void stopSenders() {
        senders.forEach(WebhookSender::close);
    }

    @AfterEach
    void stopReceiver() {
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void shouldDeliverASignedRequestTheReceiverVerifies() throws InterruptedException {
        receiver = WebhookReceiver.start(List.of(SECRET), WebhookReceiver.always(204));

        DeliveryOutcome outcome = sender.send(request(receiver.url()));

        assertThat(outcome).isEqualTo(new DeliveryOutcome.Delivered(204));
        assertThat(receiver.received()).singleElement().satisfies(received -> {
            assertThat(received.signatureValid()).isTrue();
            assertThat(received.headers()).containsEntry("content-type", "application/json")
                    .containsKey("user-agent");
            assertThat(received.article().id()).isEqualTo("a1");
        });
    }

    @Test
    void shouldReportAServerErrorAsRetriableAndDeliverTheSameMessageNextTime() throws InterruptedException {
        receiver = WebhookReceiver.start(List.of(SECRET), WebhookReceiver.statuses(500, 200));

        DeliveryOutcome first = sender.send(request(receiver.url()));
        DeliveryOutcome second = sender.send(request(receiver.url()));

        assertThat(first).isEqualTo(new DeliveryOutcome.Retry("HTTP 500"));
        assertThat(second).isEqualTo(new DeliveryOutcome.Delivered(200));
        assertThat(receiver.received()).hasSize(2)
                .allSatisfy(received -> assertThat(received.signatureValid()).isTrue())
                .extracting(WebhookReceiver.Received::messageId).containsOnly(receiver.received().get(0).messageId());
    }

    @Test
    void shouldPassRetryAfterOn() throws InterruptedException {
        receiver = WebhookReceiver.start(List.of(SECRET),
                (number, released) -> new WebhookReceiver.Response(503, Map.of("Retry-After", "30")));

        assertThat(sender.send(request(receiver.url())).minimumDelay()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void shouldReportGone() throws InterruptedException {
        receiver = WebhookReceiver.start(List.of(SECRET), WebhookReceiver.always(410));

        assertThat(sender.send(request(receiver.url()))).isInstanceOf(DeliveryOutcome.Gone.class);
    }

    @Test
    void shouldGiveUpOnASlowReceiverAfterTheTimeout() throws InterruptedException {
        receiver = WebhookReceiver.start(List.of(SECRET), WebhookReceiver.hanging());
        WebhookSender impatient = track(WebhookSender.start(SHORT_TIMEOUT,
                TargetGuard.allowingPrivateTargets(), clock, 4));
        long start = System.nanoTime();

        DeliveryOutcome outcome = impatient.send(request(receiver.url()));

        assertThat(outcome).isInstanceOf(DeliveryOutcome.Retry.class);
        assertThat(outcome.describe()).isEqualTo("no answer within PT0.5S");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void shouldNotFollowRedirects() throws InterruptedException {
        receiver = WebhookReceiver.start(List.of(SECRET), (number, released) -> new WebhookReceiver.Response(
                number == 1 ? 307 : 200, Map.of("Location", "/hook")));

        DeliveryOutcome outcome = sender.send(request(receiver.url()));

        assertThat(outcome).isInstanceOf(DeliveryOutcome.Rejected.class);
        assertThat(outcome.describe()).contains("HTTP 307", "redirects are not followed");
        assertThat(receiver.requestCount()).isEqualTo(1);
    }

    @Test
    void shouldRefuseALoopbackTargetUnlessPrivateTargetsAreAllowed() throws InterruptedException {
        receiver = WebhookReceiver.start(List.of(SECRET), WebhookReceiver.always(200));
        WebhookSender guarded = track(WebhookSender.start(TIMEOUT,
                TargetGuard.refusingPrivateTargets(), clock, 4));

        DeliveryOutcome outcome = guarded.send(request(receiver.url()));

        assertThat(outcome).isInstanceOf(DeliveryOutcome.Rejected.class);
        assertThat(outcome.describe()).contains("127.0.0.1", "publish.allow-private-targets=true");
        assertThat(receiver.requestCount()).isZero();
    }

    @Test
    void shouldRefuseAHostNameThatResolvesToAPrivateAddressAndRetryOneThatDoesNotResolve()
            throws InterruptedException {
        WebhookSender guarded = track(WebhookSender.start(TIMEOUT,
                TargetGuard.refusingPrivateTargets(host -> {
                    if (host.equals("hooks.internal.example")) {
                        return new InetAddress[] {InetAddress.getByName("10.20.30.40")};
                    }
                    throw new UnknownHostException(host);
                }), clock, 4));

        DeliveryOutcome refused = guarded.send(request(URI.create("https://hooks.internal.example/in?key=k1")));
        DeliveryOutcome unknown = guarded.send(request(URI.create("https://nowhere.example/in")));

        assertThat(refused).isInstanceOf(DeliveryOutcome.Rejected.class);
        assertThat(refused.describe()).contains("hooks.internal.example", "10.20.30.40", "10.0.0.0/8",
                "publish.allow-private-targets=true").doesNotContain("key=k1");
        assertThat(unknown).isEqualTo(new DeliveryOutcome.Retry("unknown host nowhere.example"));
    }

    @Test
    void shouldRefuseAHostThatResolvesToAPublicAddressFirstAndAPrivateOneWhenConnectingWithoutSendingIt()
            throws InterruptedException {
        receiver = WebhookReceiver.start(List.of(SECRET), WebhookReceiver.always(200));
        AtomicInteger lookups = new AtomicInteger();
        // a rebinding DNS server: public for the first question (the subscription's check), then the receiver's
        TargetGuard guard = TargetGuard.refusingPrivateTargets(host -> new InetAddress[] {
                lookups.incrementAndGet() == 1 ? InetAddress.getByName("93.184.215.14")
                        : InetAddress.getLoopbackAddress()});
        URI url = URI.create("http://rebind.example:" + receiver.url().getPort() + "/hook");
        assertThat(guard.check(url)).isEqualTo(TargetGuard.Verdict.ALLOWED);
        WebhookSender guarded = track(WebhookSender.start(TIMEOUT, guard, clock, 4));

        DeliveryOutcome outcome = guarded.send(request(url));

        assertThat(outcome).isInstanceOf(DeliveryOutcome.Rejected.class);
        assertThat(outcome.describe()).contains("rebind.example", "127.0.0.1", "publish.allow-private-targets=true");
        assertThat(receiver.requestCount()).isZero();
    }

    @Test
    void shouldRetryWhenNobodyListens() throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        DeliveryOutcome outcome = sender.send(request(URI.create("http://127.0.0.1:" + port + "/hook")));

        assertThat(outcome).isInstanceOf(DeliveryOutcome.Retry.class);
        assertThat(outcome.describe()).startsWith("cannot connect");
    }

    private WebhookRequest request(URI url) {
        Subscription subscription = Subscription.of("desk", SubscriptionFilter.ALL,
                new WebhookDelivery(url, List.of(SECRET)));
        return WebhookMessages.request(subscription, "ce-1", article("a1"), clock.instant());
    }
}
