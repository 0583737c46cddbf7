package dev.newsflow.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.ingest.fulltext.FullTextMode;
import dev.newsflow.support.config.ConfigException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedListTest {

    @TempDir
    Path directory;

    @Test
    void shouldReadFeedsWithDefaultsAndOverrides() throws IOException {
        Path file = Files.writeString(directory.resolve("feeds.yaml"), """
                feeds:
                  - id: bbc-world
                    url: https://feeds.bbci.co.uk/news/world/rss.xml
                  - id: pl.example
                    url: http://example.pl/rss
                    title: Przykład
                    language: pl
                    full-text: always
                    enabled: false
                """);

        FeedList list = FeedList.load(file, FullTextMode.NEVER);

        assertThat(list.feeds()).containsExactly(
                new FeedDefinition("bbc-world", URI.create("https://feeds.bbci.co.uk/news/world/rss.xml"), null, null,
                        FullTextMode.NEVER, true),
                new FeedDefinition("pl.example", URI.create("http://example.pl/rss"), "Przykład", "pl",
                        FullTextMode.ALWAYS, false));
        assertThat(list.enabled()).extracting(FeedDefinition::id).containsExactly("bbc-world");
    }

    @Test
    void shouldReportEveryProblemAtOnce() {
        String yaml = """
                feeds:
                  - id: a
                    url: https://example.org/a
                  - id: a
                    url: https://example.org/b
                  - id: ftp
                    url: ftp://example.org/feed
                  - url: https://example.org/no-id
                  - id: bad mode
                    url: https://example.org/c
                    full-text: sometimes
                    colour: blue
                  - id: e
                    url: https://example.org/e
                    enabled: maybe
                    language: "12"
                """;

        assertThatThrownBy(() -> FeedList.parse(yaml, FullTextMode.AUTO, "feeds.yaml"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .hasSize(8)
                        .anySatisfy(p -> assertThat(p).contains("feeds[1]", "duplicate id 'a'"))
                        .anySatisfy(p -> assertThat(p).contains("feeds[2] (id 'ftp')", "http(s) URL", "ftp://"))
                        .anySatisfy(p -> assertThat(p).contains("feeds[3]", "id is required"))
                        .anySatisfy(p -> assertThat(p).contains("id 'bad mode'", "letters, digits"))
                        .anySatisfy(p -> assertThat(p).contains("full-text", "auto | always | never", "sometimes"))
                        .anySatisfy(p -> assertThat(p).contains("unknown key 'colour'"))
                        .anySatisfy(p -> assertThat(p).contains("enabled must be true or false"))
                        .anySatisfy(p -> assertThat(p).contains("language must be"))
                        .allSatisfy(p -> assertThat(p).startsWith("feed list feeds.yaml: ")));
    }

    @Test
    void shouldReadAFeedListOfAHundredThousandFeeds() throws IOException {
        StringBuilder yaml = new StringBuilder("feeds:\n");
        for (int i = 0; i < 100_000; i++) {
            yaml.append("  - {id: feed-").append(i).append(", url: \"https://news-").append(i % 997)
                    .append(".example.com/rss/section-").append(i).append(".xml\", title: \"Section ").append(i)
                    .append("\"}\n");
        }
        Path file = Files.writeString(directory.resolve("feeds.yaml"), yaml);

        assertThat(FeedList.load(file, FullTextMode.AUTO).feeds()).hasSize(100_000);
    }

    @Test
    void shouldRejectAFileWithoutAFeedsList() throws IOException {
        Path file = Files.writeString(directory.resolve("feeds.yaml"), "- https://example.org/feed\n");

        assertThatThrownBy(() -> FeedList.load(file, FullTextMode.AUTO)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("must be a mapping with a 'feeds' list");
        assertThatThrownBy(() -> FeedList.load(directory.resolve("absent.yaml"), FullTextMode.AUTO))
                .isInstanceOf(ConfigException.class).hasMessageContaining("absent.yaml does not exist");
    }
}
