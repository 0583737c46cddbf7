package dev.newsflow.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Subscriptions and feeds (window, filters, feed writing, sanitising) are pure domain code; webhooks and the HTTP server
 * are HTTP only: none of them knows Kafka.
 */
class LayeringTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/newsflow/publish");

    @ParameterizedTest(name = "{0} imports no {1}")
    @CsvSource({
            "subscription, org.apache.kafka.",
            "subscription, java.net.http.",
            "subscription, dev.newsflow.publish.webhook.",
            "webhook, org.apache.kafka.",
            "feed, org.apache.kafka.",
            "feed, org.eclipse.jetty.",
            "feed, java.net.http.",
            "feed, dev.newsflow.publish.http.",
            "http, org.apache.kafka.",
            "store, org.eclipse.jetty.",
            "store, java.net.http.",
    })
    void shouldKeepThePackageFreeOf(String subpackage, String forbidden) throws IOException {
        try (Stream<Path> files = Files.list(SOURCES.resolve(subpackage))) {
            List<Path> sources = files.filter(file -> file.toString().endsWith(".java")).toList();
            assertThat(sources).isNotEmpty();
            for (Path source : sources) {
                assertThat(Files.readAllLines(source))
                        .as("imports of %s", source.getFileName())
                        .noneMatch(line -> line.startsWith("import " + forbidden)
                                || line.startsWith("import static " + forbidden));
            }
        }
    }
}
