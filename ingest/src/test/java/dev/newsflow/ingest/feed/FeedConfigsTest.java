package dev.newsflow.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.contract.FeedConfig;
import dev.newsflow.ingest.fulltext.FullTextMode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FeedConfigsTest {

    @Test
    void shouldUseTheDefaultFullTextModeWhenTheConfigSetsNone() {
        FeedDefinition feed = FeedConfigs.toDefinition(FeedConfig.of("a", "https://example.org/a"),
                FullTextMode.NEVER);

        assertThat(feed.fullText()).isEqualTo(FullTextMode.NEVER);
        assertThat(feed.url().toString()).isEqualTo("https://example.org/a");
    }

    @Test
    void shouldRoundTripAFeedOfTheYamlList() {
        FeedDefinition feed = new FeedDefinition("a", java.net.URI.create("https://example.org/a"), "A", "pl",
                FullTextMode.ALWAYS, false);

        assertThat(FeedConfigs.toDefinition(FeedConfigs.fromDefinition(feed), FullTextMode.AUTO)).isEqualTo(feed);
    }

    @Test
    void shouldReportEveryProblemOfAConfig() {
        FeedConfig bad = new FeedConfig("a b", "javascript:alert(1)", null, "??", "sometimes", true,
                Duration.ofMinutes(10), Duration.ofMinutes(5));

        assertThat(FeedConfigs.problems(bad)).hasSize(5);
        assertThatThrownBy(() -> FeedConfigs.toDefinition(bad, FullTextMode.AUTO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http(s)");
    }
}
