package dev.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.contract.Json;
import dev.newsflow.kafka.KafkaBroker;
import dev.newsflow.kafka.WithKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code newsflow feeds ...} against a real broker: what one command writes to news.feeds, the next one reads. */
@WithKafka
class FeedsCommandIT {

    @TempDir
    Path directory;

    private final LauncherRun launcher = new LauncherRun();

    @Test
    void shouldAddListAndDisableAFeedInKafka(KafkaBroker kafka) throws IOException {
        Path config = Files.writeString(directory.resolve("ingest.yaml"),
                "kafka.bootstrap.servers: " + kafka.bootstrapServers() + "\n");
        String id = KafkaBroker.uniqueName("it-feed");
        try {
            assertThat(run("feeds", "add", id, "https://news.example.com/rss.xml", "--title", "Example News",
                    "--language", "en", "--config", config.toString())).as(stderr()).isEqualTo(Newsflow.OK);

            assertThat(run("feeds", "list", "--json", "--config", config.toString())).as(stderr())
                    .isEqualTo(Newsflow.OK);
            JsonNode listed = findFeed(id).orElseThrow();
            assertThat(listed.toString()).contains("https://news.example.com/rss.xml", "Example News");
            assertThat(listed.get("enabled").asBoolean()).isTrue();
        } finally {
            assertThat(run("feeds", "disable", id, "--config", config.toString())).as(stderr())
                    .isEqualTo(Newsflow.OK);
        }
        assertThat(run("feeds", "list", "--json", "--config", config.toString())).isEqualTo(Newsflow.OK);
        assertThat(findFeed(id).orElseThrow().get("enabled").asBoolean()).isFalse();
    }

    private Optional<JsonNode> findFeed(String id) {
        return stdout().lines().map(line -> {
            try {
                return Json.mapper().readTree(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).filter(feed -> id.equals(feed.path("id").asText())).findFirst();
    }

    private int run(String... args) {
        return launcher.run(args);
    }

    private String stdout() {
        return launcher.stdout();
    }

    private String stderr() {
        return launcher.stderr();
    }
}
