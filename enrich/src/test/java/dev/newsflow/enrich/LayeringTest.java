package dev.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Enrichment is pure: only the service package talks to Kafka, and nothing in the module does HTTP. */
class LayeringTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/newsflow/enrich");

    @Test
    void shouldKeepKafkaInsideTheServicePackage() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            List<Path> offenders = files.filter(path -> path.toString().endsWith(".java"))
                    .filter(path -> !path.startsWith(SOURCES.resolve("service")))
                    .filter(path -> read(path).contains("import org.apache.kafka")
                            || read(path).contains("import dev.newsflow.enrich.service"))
                    .toList();
            assertThat(offenders).as("enrichment logic is unit-tested without a broker").isEmpty();
        }
    }

    @Test
    void shouldNotReachTheNetwork() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            List<Path> offenders = files.filter(path -> path.toString().endsWith(".java"))
                    .filter(path -> read(path).contains("import java.net.http") || read(path).contains("java.net.URL;"))
                    .toList();
            assertThat(offenders).as("enrich reads articles from Kafka, never from the web").isEmpty();
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
