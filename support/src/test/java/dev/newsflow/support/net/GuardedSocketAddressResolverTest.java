package dev.newsflow.support.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.Promise;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GuardedSocketAddressResolverTest {

    private static final String PUBLIC = "93.184.215.14";
    private static final String LOOPBACK = "127.0.0.1";

    private final Deque<String> answers = new ArrayDeque<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final AtomicInteger requestsServed = new AtomicInteger();
    private HttpServer server;
    private HttpClient client;

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
        server.createContext("/", exchange -> {
            requestsServed.incrementAndGet();
            byte[] body = "internal".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.stop();
        }
        server.stop(0);
    }

    @Test
    void shouldConnectToTheAddressItCheckedWithoutLookingTheHostUpAgain() throws Exception {
        answers.add(LOOPBACK);
        startClient(TargetGuard.allowingPrivateTargets(this::answer));

        ContentResponse response = client.GET("http://feeds.example:" + port() + "/feed");

        assertThat(response.getContentAsString()).isEqualTo("internal");
        assertThat(lookups).as("one lookup, by the guard, and none by the client").hasValue(1);
    }

    @Test
    void shouldRefuseAHostThatRebindsToAPrivateAddressAfterAPublicAnswer() throws Exception {
        answers.add(PUBLIC);
        answers.add(LOOPBACK);
        TargetGuard guard = TargetGuard.refusingPrivateTargets(this::answer);
        assertThat(guard.checkHost("rebind.example")).isEqualTo(TargetGuard.Verdict.ALLOWED);
        startClient(guard);

        assertThatThrownBy(() -> client.GET("http://rebind.example:" + port() + "/feed"))
                .isInstanceOf(ExecutionException.class)
                .hasRootCauseInstanceOf(RefusedTargetException.class)
                .rootCause().hasMessageContaining("rebind.example resolves to the non-public address 127.0.0.1");
        assertThat(requestsServed).hasValue(0);
    }

    @Test
    void shouldFailAHostThatDoesNotResolve() {
        CompletableFuture<List<InetSocketAddress>> result = resolve(TargetGuard.refusingPrivateTargets(this::answer),
                "nowhere.example");

        assertThat(result).failsWithin(5, TimeUnit.SECONDS).withThrowableThat()
                .havingRootCause().isInstanceOf(UnknownHostException.class).withMessageContaining("nowhere.example");
    }

    @Test
    void shouldGiveEveryCheckedAddressWithThePortAsked() {
        answers.add(PUBLIC + "," + "2606:4700::1111");

        CompletableFuture<List<InetSocketAddress>> result = resolve(TargetGuard.refusingPrivateTargets(this::answer),
                "public.example");

        assertThat(result).succeedsWithin(5, TimeUnit.SECONDS).satisfies(addresses -> {
            assertThat(addresses).extracting(address -> address.getAddress().getHostAddress())
                    .containsExactly(PUBLIC, "2606:4700:0:0:0:0:0:1111");
            assertThat(addresses).extracting(InetSocketAddress::getPort).containsOnly(8443);
        });
    }

    private CompletableFuture<List<InetSocketAddress>> resolve(TargetGuard guard, String host) {
        CompletableFuture<List<InetSocketAddress>> result = new CompletableFuture<>();
        new GuardedSocketAddressResolver(guard, Runnable::run).resolve(host, 8443, Map.of(),
                Promise.from(result::complete, result::completeExceptionally));
        return result;
    }

    private void startClient(TargetGuard guard) throws Exception {
        client = new HttpClient();
        client.setSocketAddressResolver(new GuardedSocketAddressResolver(guard, Runnable::run));
        client.start();
    }

    private InetAddress[] answer(String host) throws UnknownHostException {
        lookups.incrementAndGet();
        String next = answers.poll();
        if (next == null) {
            throw new UnknownHostException(host);
        }
        String[] parts = next.split(",");
        InetAddress[] addresses = new InetAddress[parts.length];
        for (int i = 0; i < parts.length; i++) {
            addresses[i] = InetAddress.getByName(parts[i]);
        }
        return addresses;
    }

    private int port() {
        return server.getAddress().getPort();
    }
}
