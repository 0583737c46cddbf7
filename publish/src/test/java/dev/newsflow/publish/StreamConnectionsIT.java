package dev.newsflow.publish;

import static dev.newsflow.publish.TestArticles.article;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.kafka.KafkaBroker;
import dev.newsflow.kafka.WithKafka;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proof that a stream client costs no thread: a thousand concurrent Server-Sent Events connections, clients and
 * server in this JVM, all get a new article while the JVM runs far fewer threads than there are connections.
 */
@WithKafka
class StreamConnectionsIT {

    private static final Logger log = LoggerFactory.getLogger(StreamConnectionsIT.class);
    /** A thousand by default; {@code -Dnewsflow.stream.clients=5000} for a bigger one-off measurement. */
    private static final int CLIENTS = Integer.getInteger("newsflow.stream.clients", 1000);
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @Test
    void shouldHoldAThousandStreamClientsWithFarFewerThreadsAndGiveEachTheNewArticle(KafkaBroker kafka) {
        String tag = "newsflow:load-" + UUID.randomUUID().toString().substring(0, 8);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        ExecutorService clientThreads = Executors.newFixedThreadPool(2);
        List<SseTestClient> clients = new ArrayList<>();
        try (PublishService service = PublishHttpIT.startService(kafka, Map.of(
                PublishSettings.STREAM_KEEP_ALIVE.name(), "15s"));
             KafkaProducer<byte[], byte[]> producer = PublishHttpIT.transactionalProducer(kafka)) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clientThreads)
                    .connectTimeout(Duration.ofSeconds(30)).build();
            URI stream = URI.create("http://127.0.0.1:" + service.httpPort().orElseThrow() + "/stream?tag=" + tag);
            int threadsBefore = threads.getThreadCount();

            long connecting = System.nanoTime();
            for (int index = 0; index < CLIENTS; index++) {
                clients.add(SseTestClient.connect(http, stream, Map.of()));
            }
            await().atMost(PATIENCE).until(() -> clients.stream().allMatch(SseTestClient::connected));
            long connectedMillis = (System.nanoTime() - connecting) / 1_000_000;
            int threadsConnected = threads.getThreadCount();

            EnrichedArticle article = article(tag + "-news", "http-it", "pl", List.of(tag), List.of());
            long publishing = System.nanoTime();
            PublishHttpIT.publish(producer, article);
            await().atMost(PATIENCE).until(() -> clients.stream()
                    .allMatch(client -> client.eventIds().equals(List.of(article.id()))));
            long fanOutMillis = (System.nanoTime() - publishing) / 1_000_000;
            int threadsAfter = threads.getThreadCount();
            int peak = threads.getPeakThreadCount();

            log.info("{} stream clients connected in {} ms; one article reached all of them {} ms after it was "
                            + "published; JVM threads: {} before connecting, {} with every client connected, {} after the "
                            + "fan-out, peak {} (clients, server, Kafka clients and test runner in one JVM)",
                    CLIENTS, connectedMillis, fanOutMillis, threadsBefore, threadsConnected, threadsAfter, peak);
            assertThat(clients).allSatisfy(client -> assertThat(client.ended()).isFalse());
            assertThat(threadsConnected).isLessThan(200);
            assertThat(threadsAfter).isLessThan(200);
            assertThat(threadsConnected - threadsBefore).isLessThan(50);
        } finally {
            clients.forEach(SseTestClient::close);
            clientThreads.shutdownNow();
        }
    }
}
