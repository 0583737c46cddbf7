package dev.newsflow.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArticleIdTest {

    @Test
    void shouldCanonicaliseSchemeHostPortFragmentAndTrackingParameters() {
        assertThat(CanonicalUrl.of("HTTPS://News.Example.COM:443/a/b?id=7&utm_source=rss&fbclid=x#comments"))
                .contains("https://news.example.com/a/b?id=7");
        assertThat(CanonicalUrl.of("http://example.com")).contains("http://example.com/");
        assertThat(CanonicalUrl.of("http://example.com:8080/x")).contains("http://example.com:8080/x");
    }

    @Test
    void shouldKeepMeaningfulQueryParametersInTheirOrder() {
        assertThat(CanonicalUrl.of("https://example.com/article.php?p=2&id=15&utm_medium=feed"))
                .contains("https://example.com/article.php?p=2&id=15");
    }

    @Test
    void shouldRejectWhatIsNotAnAbsoluteHttpUrl() {
        assertThat(CanonicalUrl.of("/relative/path")).isEmpty();
        assertThat(CanonicalUrl.of("mailto:editor@example.com")).isEmpty();
        assertThat(CanonicalUrl.of("javascript:alert(1)")).isEmpty();
        assertThat(CanonicalUrl.of("http://exa mple.com/%%%")).isEmpty();
        assertThat(CanonicalUrl.of(null)).isEmpty();
    }

    @Test
    void shouldGiveTheSameIdToTheSameStoryLinkedDifferently() {
        String fromFeedA = ArticleId.of("https://example.com/story?utm_campaign=a", "guid-a").orElseThrow();
        String fromFeedB = ArticleId.of("https://EXAMPLE.com/story#top", "guid-b").orElseThrow();

        assertThat(fromFeedA).isEqualTo(fromFeedB).matches("[0-9a-f]{24}");
    }

    @Test
    void shouldFallBackToTheGuidWhenThereIsNoUsableLink() {
        assertThat(ArticleId.of(null, "urn:uuid:1234")).isPresent()
                .isNotEqualTo(ArticleId.of(null, "urn:uuid:5678"));
        assertThat(ArticleId.of("not a url", " ")).isEmpty();
    }
}
