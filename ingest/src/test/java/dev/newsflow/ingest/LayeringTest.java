package dev.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The pure packages stay pure: parsing, normalising, extraction and dedup import neither Kafka nor HTTP. */
class LayeringTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/newsflow/ingest");

    @Test
    void shouldKeepDomainLogicFreeOfKafkaAndHttp() throws IOException {
        for (String pure : List.of("feed", "fulltext", "dedup", "schedule")) {
            try (Stream<Path> files = Files.walk(SOURCES.resolve(pure))) {
                for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                    assertThat(Files.readString(file))
                            .as("%s must not do I/O: parsing, normalising, extraction and dedup are unit-tested "
                                    + "without a broker or a network", file)
                            .doesNotContain("import org.apache.kafka", "import java.net.http", "import dev.newsflow.ingest.kafka",
                                    "import dev.newsflow.ingest.fetch.HttpFetcher");
                }
            }
        }
    }

    @Test
    void shouldKeepKafkaInsideTheKafkaPackage() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            List<Path> users = files.filter(path -> path.toString().endsWith(".java"))
                    .filter(path -> !path.startsWith(SOURCES.resolve("kafka")))
                    // the benchmark harness counts records on the topics it measures, like a test does
                    .filter(path -> !path.startsWith(SOURCES.resolve("bench")))
                    .filter(path -> read(path).contains("import org.apache.kafka")).toList();
            assertThat(users).as("only dev.newsflow.ingest.kafka talks to Kafka").isEmpty();
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
