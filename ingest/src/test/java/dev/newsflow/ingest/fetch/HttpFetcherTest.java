package dev.newsflow.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.ingest.TestHttpServer;
import dev.newsflow.support.net.TargetGuard;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpFetcherTest {

    private static final long ONE_MB = 1024 * 1024;

    private final CountDownLatch release = new CountDownLatch(1);
    private final Map<String, String> lastRequestHeaders = new ConcurrentHashMap<>();
    private final List<HttpFetcher> fetchers = new ArrayList<>();
    private TestHttpServer server;
    private HttpFetcher fetcher;

    @BeforeEach
    void startServer() throws IOException {
        server = new TestHttpServer();
        // the test server listens on 127.0.0.1
        fetcher = closing(new HttpFetcher(FetchLimits.defaults().withMaxBytes(ONE_MB).withTotalTimeout(Duration.ofSeconds(2))
                .allowingPrivateAddresses()));
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        fetchers.forEach(HttpFetcher::close);
        server.close();
    }

    @Test
    void shouldFetchABodyWithItsContentTypeAndSendDescriptiveHeaders() {
        server.handle("/feed.xml", exchange -> {
            exchange.getRequestHeaders().forEach((name, values) -> lastRequestHeaders.put(name.toLowerCase(), values.get(0)));
            exchange.getResponseHeaders().set("ETag", "\"v1\"");
            TestHttpServer.respond(exchange, 200, "application/rss+xml; charset=ISO-8859-2",
                    "<rss/>".getBytes(StandardCharsets.US_ASCII));
        });

        FetchResult result = fetcher.fetch(server.uri("/feed.xml"), HttpFetcher.FEED_ACCEPT);

        assertThat(result).isInstanceOfSatisfying(FetchResult.Fetched.class, fetched -> {
            assertThat(fetched.status()).isEqualTo(200);
            assertThat(new String(fetched.body(), StandardCharsets.US_ASCII)).isEqualTo("<rss/>");
            assertThat(fetched.charset()).hasValueSatisfying(charset -> assertThat(charset.name()).isEqualTo("ISO-8859-2"));
            assertThat(fetched.validators().etag()).isEqualTo("\"v1\"");
        });
        assertThat(lastRequestHeaders).containsEntry("user-agent", "newsflow/0.1 (+https://github.com/newsflow/newsflow)")
                .containsEntry("accept-encoding", "gzip")
                .containsEntry("accept", HttpFetcher.FEED_ACCEPT);
    }

    @Test
    void shouldAnswerNotModifiedToAConditionalGet() {
        server.handle("/feed.xml", exchange -> {
            boolean unchanged = "\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))
                    && "Tue, 03 Mar 2026 10:00:00 GMT".equals(exchange.getRequestHeaders().getFirst("If-Modified-Since"));
            TestHttpServer.respond(exchange, unchanged ? 304 : 200, "text/xml", unchanged ? new byte[0] : "<rss/>".getBytes());
        });

        FetchResult result = fetcher.fetch(server.uri("/feed.xml"), HttpFetcher.FEED_ACCEPT,
                new CacheValidators("\"v1\"", "Tue, 03 Mar 2026 10:00:00 GMT"));

        assertThat(result).isInstanceOf(FetchResult.NotModified.class);
    }

    @Test
    void shouldDecodeGzip() throws IOException {
        server.handle("/feed.xml", exchange -> {
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            TestHttpServer.respond(exchange, 200, "text/xml", gzip("<rss>ok</rss>".getBytes(), 1));
        });

        FetchResult result = fetcher.fetch(server.uri("/feed.xml"), HttpFetcher.FEED_ACCEPT);

        assertThat(result).isInstanceOfSatisfying(FetchResult.Fetched.class,
                fetched -> assertThat(new String(fetched.body())).isEqualTo("<rss>ok</rss>"));
    }

    @Test
    void shouldStopAGzipBombAtTheLimitCountedAfterDecompression() throws IOException {
        byte[] bomb = gzip(new byte[(int) ONE_MB], 64);
        assertThat(bomb.length).isLessThan((int) ONE_MB / 4);
        server.handle("/bomb.xml", exchange -> {
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            TestHttpServer.respond(exchange, 200, "text/xml", bomb);
        });

        long start = System.nanoTime();
        FetchResult result = fetcher.fetch(server.uri("/bomb.xml"), HttpFetcher.FEED_ACCEPT);

        assertFailed(result, FailureKind.TOO_LARGE, "after decompression");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void shouldCapAnEndlessBodyAndFailFast() {
        server.handle("/endless", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = exchange.getResponseBody()) {
                for (long sent = 0; sent < 1024 * ONE_MB; sent += chunk.length) {
                    out.write(chunk);
                }
            }
        });

        long start = System.nanoTime();
        FetchResult result = fetcher.fetch(server.uri("/endless"), HttpFetcher.FEED_ACCEPT);

        assertFailed(result, FailureKind.TOO_LARGE, "larger than 1048576 bytes");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void shouldTimeOutASlowResponse() {
        server.handle("/slow", exchange -> {
            awaitRelease();
            TestHttpServer.respond(exchange, 200, "text/xml", "<rss/>".getBytes());
        });
        HttpFetcher impatient = closing(new HttpFetcher(FetchLimits.defaults().withTotalTimeout(Duration.ofMillis(300))
                .allowingPrivateAddresses()));

        long start = System.nanoTime();
        FetchResult result = impatient.fetch(server.uri("/slow"), HttpFetcher.FEED_ACCEPT);

        assertFailed(result, FailureKind.TIMEOUT, "within 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void shouldTimeOutABodyThatTrickles() {
        server.handle("/trickle", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write("<rss>".getBytes());
            exchange.getResponseBody().flush();
            awaitRelease();
        });
        HttpFetcher impatient = closing(new HttpFetcher(FetchLimits.defaults().withTotalTimeout(Duration.ofMillis(300))
                .allowingPrivateAddresses()));

        FetchResult result = impatient.fetch(server.uri("/trickle"), HttpFetcher.FEED_ACCEPT);

        assertFailed(result, FailureKind.TIMEOUT, "300 ms");
    }

    @Test
    void shouldFollowRedirectsUpToTheLimit() {
        server.handle("/r1", exchange -> redirect(exchange, "/r2"));
        server.handle("/r2", exchange -> redirect(exchange, server.uri("/final").toString()));
        server.serve("/final", "text/xml", "<rss/>");

        FetchResult result = fetcher.fetch(server.uri("/r1"), HttpFetcher.FEED_ACCEPT);

        assertThat(result).isInstanceOfSatisfying(FetchResult.Fetched.class,
                fetched -> assertThat(fetched.uri()).isEqualTo(server.uri("/final")));
    }

    @Test
    void shouldEndARedirectLoop() {
        server.handle("/loop-a", exchange -> redirect(exchange, "/loop-b"));
        server.handle("/loop-b", exchange -> redirect(exchange, "/loop-a"));

        FetchResult result = fetcher.fetch(server.uri("/loop-a"), HttpFetcher.FEED_ACCEPT);

        assertFailed(result, FailureKind.TOO_MANY_REDIRECTS, "more than 5 redirects");
        assertThat(server.requests()).isEqualTo(6);
    }

    @Test
    void shouldReportAnHttpErrorStatus() {
        server.handle("/missing", exchange -> TestHttpServer.respond(exchange, 404, "text/html", "gone".getBytes()));

        assertFailed(fetcher.fetch(server.uri("/missing"), HttpFetcher.FEED_ACCEPT), FailureKind.HTTP_STATUS, "HTTP 404");
    }

    @Test
    void shouldReportAnUnreachablePort() throws IOException {
        assertFailed(fetcher.fetch(TestHttpServer.unreachable(), HttpFetcher.FEED_ACCEPT), FailureKind.UNREACHABLE,
                "cannot connect to 127.0.0.1");
    }

    @Test
    void shouldRefuseNonHttpSchemes() {
        assertFailed(fetcher.fetch(java.net.URI.create("file:///etc/passwd"), HttpFetcher.FEED_ACCEPT),
                FailureKind.BAD_RESPONSE, "only http and https");
    }

    @Test
    void shouldRefuseALoopbackAddressByDefaultNamingTheHostButNotTheQuery() {
        server.serve("/feed.xml", "text/xml", "<rss/>");
        HttpFetcher guarded = closing(new HttpFetcher(FetchLimits.defaults()));

        FetchResult result = guarded.fetch(server.uri("/feed.xml?token=SECRET-42"), HttpFetcher.FEED_ACCEPT);

        assertFailed(result, FailureKind.FORBIDDEN_ADDRESS, "refused to fetch 127.0.0.1:");
        assertThat(((FetchResult.Failed) result).message())
                .contains("127.0.0.0/8 (loopback)", "ingest.fetch.allow-private-addresses=true")
                .doesNotContain("SECRET-42", "token");
        assertThat(server.requests()).isZero();
    }

    @Test
    void shouldRefuseARedirectFromAPublicHostToALoopbackAddress() {
        AtomicInteger internalRequests = new AtomicInteger();
        server.handle("/start", exchange -> redirect(exchange, server.uri("/internal?key=K").toString()));
        server.handle("/internal", exchange -> {
            internalRequests.incrementAndGet();
            TestHttpServer.respond(exchange, 200, "text/xml", "<rss>internal</rss>".getBytes());
        });

        FetchResult result = publicLocalhostFetcher().fetch(localhost("/start"), HttpFetcher.FEED_ACCEPT);

        assertFailed(result, FailureKind.FORBIDDEN_ADDRESS, "refused to fetch a redirect to 127.0.0.1:");
        assertThat(((FetchResult.Failed) result).message()).doesNotContain("key=K");
        assertThat(server.requests()).isEqualTo(1);
        assertThat(internalRequests).hasValue(0);
    }

    @Test
    void shouldFollowARedirectBetweenPublicHosts() {
        server.handle("/start", exchange -> redirect(exchange, "/final"));
        server.serve("/final", "text/xml", "<rss/>");

        FetchResult result = publicLocalhostFetcher().fetch(localhost("/start"), HttpFetcher.FEED_ACCEPT);

        assertThat(result).isInstanceOfSatisfying(FetchResult.Fetched.class,
                fetched -> assertThat(fetched.uri()).isEqualTo(localhost("/final")));
    }

    @Test
    void shouldConnectToTheAddressTheGuardLookedUpWithoutASecondLookup() {
        server.serve("/feed.xml", "text/xml", "<rss/>");
        AtomicInteger lookups = new AtomicInteger();
        HttpFetcher viaGuard = closing(new HttpFetcher(FetchLimits.defaults(), TargetGuard.allowingPrivateTargets(host -> {
            lookups.incrementAndGet();
            return host.equals("feeds.example") ? new InetAddress[] {InetAddress.getLoopbackAddress()}
                    : InetAddress.getAllByName(host);
        })));

        FetchResult result = viaGuard.fetch(URI.create("http://feeds.example:" + server.uri("").getPort() + "/feed.xml"),
                HttpFetcher.FEED_ACCEPT);

        assertThat(result).isInstanceOf(FetchResult.Fetched.class);
        assertThat(lookups).as("feeds.example exists only in the guard's resolver").hasValue(1);
    }

    @Test
    void shouldRefuseAHostWhoseOnlyLookupAnswersWithAPrivateAddress() {
        server.serve("/feed.xml", "text/xml", "<rss/>");
        HttpFetcher guarded = closing(new HttpFetcher(FetchLimits.defaults(), TargetGuard.refusingPrivateTargets(
                host -> new InetAddress[] {InetAddress.getLoopbackAddress()})));

        FetchResult result = guarded.fetch(URI.create("http://rebind.example:" + server.uri("").getPort() + "/feed.xml"),
                HttpFetcher.FEED_ACCEPT);

        assertFailed(result, FailureKind.FORBIDDEN_ADDRESS, "rebind.example resolves to the non-public address 127.0.0.1");
        assertThat(server.requests()).isZero();
    }

    @Test
    void shouldReportAHostTheGuardCannotResolveAsUnreachable() {
        HttpFetcher guarded = closing(new HttpFetcher(FetchLimits.defaults(), TargetGuard.refusingPrivateTargets(host -> {
            throw new UnknownHostException(host);
        })));

        assertFailed(guarded.fetch(URI.create("https://feeds.nowhere.example/rss"), HttpFetcher.FEED_ACCEPT),
                FailureKind.UNREACHABLE, "unknown host feeds.nowhere.example");
    }

    /**
     * A fetcher that refuses non-public addresses but trusts the host name {@code localhost}, where the test server
     * is: so a test can start at a trusted host and be redirected to {@code 127.0.0.1}, which is not trusted.
     */
    private HttpFetcher publicLocalhostFetcher() {
        return closing(new HttpFetcher(FetchLimits.defaults(),
                TargetGuard.refusingPrivateTargets().trusting(List.of("localhost"))));
    }

    private HttpFetcher closing(HttpFetcher created) {
        fetchers.add(created);
        return created;
    }

    private URI localhost(String path) {
        return URI.create("http://localhost:" + server.uri("").getPort() + path);
    }

    private static void assertFailed(FetchResult result, FailureKind kind, String message) {
        assertThat(result).isInstanceOfSatisfying(FetchResult.Failed.class, failed -> {
            assertThat(failed.kind()).isEqualTo(kind);
            assertThat(failed.message()).contains(message);
        });
    }

    private static void redirect(com.sun.net.httpserver.HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    private void awaitRelease() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] gzip(byte[] data, int times) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            for (int i = 0; i < times; i++) {
                gzip.write(data);
            }
        }
        return out.toByteArray();
    }
}
