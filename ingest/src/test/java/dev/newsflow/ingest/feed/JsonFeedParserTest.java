package dev.newsflow.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.contract.Media;
import dev.newsflow.contract.RawArticle;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonFeedParserTest {

    private final FeedParser parser = new FeedParser();
    private final ArticleNormalizer normalizer =
            new ArticleNormalizer(Clock.fixed(Instant.parse("2024-03-02T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void shouldNormaliseJsonFeed11ItemsLikeRssItems() throws IOException {
        NormalizedFeed feed = normalize("/feeds/jsonfeed-1.1.json", "application/feed+json");

        RawArticle storm = feed.articles().get(0);
        assertThat(storm.feedTitle()).isEqualTo("Example News");
        assertThat(storm.declaredLanguage()).isEqualTo("en-GB");
        assertThat(storm.url()).isEqualTo("https://news.example.org/2024/storm");
        assertThat(storm.guid()).isEqualTo("https://news.example.org/2024/storm");
        assertThat(storm.title()).isEqualTo("Storm reaches the coast");
        assertThat(storm.content()).isEqualTo("<p>The storm <b>arrived</b>.</p>");
        assertThat(storm.summary()).isEqualTo("A storm &amp; its aftermath");
        assertThat(storm.published()).isEqualTo(Instant.parse("2024-03-01T09:15:00Z"));
        assertThat(storm.updated()).isEqualTo(Instant.parse("2024-03-01T12:00:00Z"));
        assertThat(storm.authors()).containsExactly("Ada Reporter", "Bo Photographer");
        assertThat(storm.categories()).containsExactly("weather", "coast");
        assertThat(storm.media()).containsExactly(
                new Media("https://news.example.org/media/storm.mp3", "audio/mpeg", 1234L, null, null),
                new Media("https://news.example.org/media/storm.jpg", "image", null, null, null));
    }

    @Test
    void shouldEscapeContentTextAndFallBackToTheUrlWhenTheIdIsMissing() throws IOException {
        NormalizedFeed feed = normalize("/feeds/jsonfeed-1.1.json", null);

        RawArticle plain = feed.articles().get(1);
        assertThat(plain.guid()).isNull();
        assertThat(plain.url()).isEqualTo("https://news.example.org/2024/no-id");
        assertThat(plain.content()).isEqualTo("Plain text only, with &lt;angle&gt; brackets.");
        assertThat(feed.skipped()).singleElement().satisfies(item -> assertThat(item.title()).isEqualTo("Neither id nor url"));
    }

    @Test
    void shouldReadJsonFeed10NumericIdsExternalUrlAndSingleAuthor() throws IOException {
        RawArticle article = normalize("/feeds/jsonfeed-1.0.json", "application/json").articles().get(0);

        assertThat(article.guid()).isEqualTo("42");
        assertThat(article.url()).isEqualTo("https://elsewhere.example.com/story");
        assertThat(article.authors()).containsExactly("Item Author");
        assertThat(article.published()).isEqualTo(Instant.parse("2019-10-12T07:20:50.520Z"));
    }

    @Test
    void shouldRefuseBrokenOrForeignJsonWithAReason() {
        assertThat(reason("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [")).startsWith("not valid JSON at line 1");
        assertThat(reason("{\"version\": \"https://jsonfeed.org/version/1.1\"}")).contains("no \"items\" array");
        assertThat(reason("{\"data\": []}")).contains("JSON without a JSON Feed version");
        assertThat(reason("\uFEFF  {\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": {}}")).contains("items");
    }

    private NormalizedFeed normalize(String resource, String contentType) throws IOException {
        byte[] body;
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            body = in.readAllBytes();
        }
        ParseResult result = parser.parse(body, contentType);
        assertThat(result).isInstanceOf(ParseResult.Parsed.class);
        return normalizer.normalize(((ParseResult.Parsed) result).feed(), FeedDefinition.of("json", "https://news.example.org/feed.json"),
                URI.create("https://news.example.org/feed.json"));
    }

    private String reason(String body) {
        ParseResult result = parser.parse(body.getBytes(StandardCharsets.UTF_8), null);
        assertThat(result).isInstanceOf(ParseResult.Invalid.class);
        return ((ParseResult.Invalid) result).reason();
    }
}
