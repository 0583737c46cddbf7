package dev.newsflow.ingest.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.contract.FeedConfig;
import dev.newsflow.contract.FeedState;
import dev.newsflow.ingest.FeedCatalog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedsAdminTest {

    private final MemoryCatalog catalog = new MemoryCatalog();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path directory;

    @Test
    void shouldAddAFeedWithItsOwnPollBounds() {
        int code = run("add", "slow-blog", "https://blog.example.com/feed", "--min-interval", "1h",
                "--max-interval", "1d");

        assertThat(code).isZero();
        assertThat(catalog.feeds.get("slow-blog").minPollInterval()).isEqualTo(java.time.Duration.ofHours(1));
        assertThat(catalog.feeds.get("slow-blog").maxPollInterval()).isEqualTo(java.time.Duration.ofDays(1));
        assertThat(run("add", "x", "https://example.com/f", "--min-interval", "soon")).isEqualTo(2);
        assertThat(run("add", "x", "https://example.com/f", "--min-interval", "2h", "--max-interval", "1h"))
                .isEqualTo(2);
        assertThat(catalog.feeds).doesNotContainKey("x");
    }

    @Test
    void shouldAddAFeedWithItsOptions() {
        int code = run("add", "bbc", "https://feeds.bbci.co.uk/news/rss.xml", "--title", "BBC", "--language", "en",
                "--full-text", "never");

        assertThat(code).isZero();
        assertThat(catalog.feeds).containsEntry("bbc", new FeedConfig("bbc", "https://feeds.bbci.co.uk/news/rss.xml",
                "BBC", "en", "never", true, null, null));
    }

    @Test
    void shouldRefuseANonHttpUrlOrABadIdAsBadUsageWithoutTouchingKafka() {
        assertThat(run("add", "bbc", "ftp://example.org/feed")).isEqualTo(2);
        assertThat(run("add", "no spaces", "https://example.org/feed")).isEqualTo(2);
        assertThat(run("add", "x", "https://example.org/feed", "--full-text", "sometimes")).isEqualTo(2);
        assertThat(catalog.opened).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("url must be an absolute http(s) URL");
    }

    @Test
    void shouldAnswerBadUsageForUnknownSubcommandsAndMissingArguments() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("remove", "x")).isEqualTo(2);
        assertThat(run("disable")).isEqualTo(2);
        assertThat(run("list", "--yaml")).isEqualTo(2);
        assertThat(run("import")).isEqualTo(2);
    }

    @Test
    void shouldDisableAndEnableAKnownFeedAndFailForAnUnknownOne() {
        catalog.feeds.put("a", FeedConfig.of("a", "https://example.org/a"));

        assertThat(run("disable", "a")).isZero();
        assertThat(catalog.feeds.get("a").enabled()).isFalse();
        assertThat(run("enable", "a")).isZero();
        assertThat(catalog.feeds.get("a").enabled()).isTrue();
        assertThat(run("disable", "missing")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no feed with id 'missing'");
    }

    @Test
    void shouldListEachFeedOnOneLineWithItsPollingState() {
        catalog.feeds.put("b", FeedConfig.of("b", "https://example.org/b").withEnabled(false));
        catalog.feeds.put("a", FeedConfig.of("a", "https://example.org/a"));
        catalog.states.put("a", new FeedState("a", "https://example.org/a", "https://example.org/a", null, null,
                Instant.parse("2026-03-03T12:05:00Z"), 2, "500", 500, null, Instant.parse("2026-03-03T12:00:00Z")));

        assertThat(run("list")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "a\thttps://example.org/a\tenabled\tstatus 500, next poll 2026-03-03T12:05:00Z, failures 2",
                "b\thttps://example.org/b\tdisabled\tnever polled");
    }

    @Test
    void shouldListFeedsAsJsonLines() {
        catalog.feeds.put("a", FeedConfig.of("a", "https://example.org/a"));

        assertThat(run("list", "--json")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8).strip())
                .startsWith("{\"id\":\"a\",\"url\":\"https://example.org/a\"").endsWith("\"state\":null}");
    }

    @Test
    void shouldImportTheFeedsOfAnOpmlFileAndReportSkippedOutlines() throws IOException {
        Path opml = Files.writeString(directory.resolve("subs.opml"), """
                <opml version="2.0"><body>
                  <outline text="News"><outline text="Example World" xmlUrl="https://example.org/world.xml"/></outline>
                  <outline text="Broken" xmlUrl="ftp://example.org/x"/>
                </body></opml>""");

        assertThat(run("import", opml.toString())).isZero();

        assertThat(catalog.feeds.values()).extracting(FeedConfig::url).containsExactly("https://example.org/world.xml");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 feeds imported, 1 skipped");
    }

    @Test
    void shouldShowProgressWhileImportingALargeOpmlFile() throws IOException {
        StringBuilder outlines = new StringBuilder("<opml version=\"2.0\"><body>");
        for (int i = 0; i < 2_500; i++) {
            outlines.append("<outline text=\"Feed ").append(i).append("\" xmlUrl=\"https://example.org/")
                    .append(i).append(".xml\"/>");
        }
        Path opml = Files.writeString(directory.resolve("large.opml"), outlines.append("</body></opml>"));

        assertThat(run("import", opml.toString())).isZero();

        assertThat(catalog.feeds).hasSize(2_500);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "newsflow feeds: imported 1,000 of 2,500 feeds", "newsflow feeds: imported 2,000 of 2,500 feeds",
                "newsflow feeds: imported 2,500 of 2,500 feeds");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("2500 feeds imported, 0 skipped");
    }

    @Test
    void shouldFailWithOneLineForAFileThatIsNotOpml() throws IOException {
        Path file = Files.writeString(directory.resolve("x.opml"), "not xml");

        assertThat(run("import", file.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).hasSize(1);
    }

    private int run(String... args) {
        return FeedsAdmin.run(List.of(args), () -> {
            catalog.opened++;
            return catalog;
        }, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static final class MemoryCatalog implements FeedCatalog {
        final Map<String, FeedConfig> feeds = new LinkedHashMap<>();
        final Map<String, FeedState> states = new LinkedHashMap<>();
        int opened;

        @Override
        public Map<String, FeedConfig> feeds() {
            return Map.copyOf(feeds);
        }

        @Override
        public Map<String, FeedState> states() {
            return Map.copyOf(states);
        }

        @Override
        public void put(Iterable<FeedConfig> configs) {
            configs.forEach(config -> feeds.put(config.id(), config));
        }

        @Override
        public void close() {
        }
    }
}
