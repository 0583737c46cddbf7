package dev.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The publish benchmark harness runs all three phases small, on its own embedded broker, and its invariants hold:
 * every webhook delivery arrives once with a valid signature, latency percentiles are ordered, every stream client
 * gets every event. Speed is not asserted.
 */
class BenchPublishCommandIT {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void shouldDeliverEverySignedWebhookOnceAndGiveEveryStreamClientEveryEvent() {
        int exit = run("--subscriptions", "5", "--articles", "200", "--latency-subscriptions", "2", "--rate", "50",
                "--latency", "2s", "--clients", "50", "--stream-rate", "10", "--stream", "2s", "--timeout", "2m");

        assertThat(exit).as(stderr()).isZero();
        Map<String, String> figures = figures();
        assertThat(figures).containsEntry("deliveries.expected", "1000").containsEntry("deliveries.distinct", "1000")
                .containsEntry("deliveries.verified", "1000").containsEntry("deliveries.rejected", "0")
                .containsEntry("deliveries.duplicates", "0").containsEntry("deliveries.lost", "0");
        assertThat(number(figures, "deliveries.perSecond")).isPositive();

        assertThat(figures).containsEntry("latency.lost", "0").containsEntry("latency.rejected", "0");
        long articles = Long.parseLong(figures.get("latency.articles"));
        assertThat(articles).isPositive();
        assertThat(figures).containsEntry("latency.deliveries", Long.toString(articles * 2));
        assertThat(number(figures, "latency.produceToReceivedMs.p99"))
                .isGreaterThanOrEqualTo(number(figures, "latency.produceToReceivedMs.p50"))
                .isPositive();
        assertThat(number(figures, "latency.produceToReceivedMs.max"))
                .isGreaterThanOrEqualTo(number(figures, "latency.produceToReceivedMs.p99"));

        String events = figures.get("stream.events");
        assertThat(Long.parseLong(events)).isPositive();
        assertThat(figures).containsEntry("stream.clientsOpened", "50").containsEntry("stream.clientsOpenAtEnd", "50")
                .containsEntry("stream.clientsWithEveryEvent", "50").containsEntry("stream.clientsEnded", "0")
                .containsEntry("stream.eventsPerClientMin", events).containsEntry("stream.eventsPerClientMax", events)
                .containsEntry("stream.eventsDelivered", Long.toString(Long.parseLong(events) * 50));
        assertThat(Integer.parseInt(figures.get("stream.serverJvmThreadsConnected"))).isPositive();
        assertThat(stderr()).contains("deliveries:", "latency:", "stream:");
    }

    @Test
    void shouldRefuseAnUnknownOption() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> run("--speed", "fast"))
                .isInstanceOf(Newsflow.UsageException.class).hasMessageContaining("unknown option --speed");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> run("--phases", "everything"))
                .isInstanceOf(Newsflow.UsageException.class).hasMessageContaining("--phases everything");
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return BenchPublishCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Map<String, String> figures() {
        return Arrays.stream(out.toString(StandardCharsets.UTF_8).split("\n"))
                .filter(line -> line.contains("="))
                .collect(Collectors.toMap(line -> line.substring(0, line.indexOf('=')),
                        line -> line.substring(line.indexOf('=') + 1), (first, second) -> second));
    }

    private static double number(Map<String, String> figures, String key) {
        assertThat(figures).containsKey(key);
        return Double.parseDouble(figures.get(key));
    }
}
