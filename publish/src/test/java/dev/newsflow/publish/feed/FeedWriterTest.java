package dev.newsflow.publish.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.Json;
import dev.newsflow.contract.RawArticle;
import dev.newsflow.contract.SourceAttribution;
import dev.newsflow.contract.SourceKind;
import dev.newsflow.contract.SourceRole;
import dev.newsflow.contract.Tag;
import dev.newsflow.contract.TagType;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FeedWriterTest {

    static final String PAYLOAD = "<p>Body<script>alert('x')</script><img src=x onerror=alert(1)>"
            + "<a href=\"javascript:alert(2)\">link</a>\u0000</p>";

    private final EnrichedArticle article = article("a1", "Sanctions <b>&</b> trade", PAYLOAD);
    private final EnrichedArticle older = article("a0", "Older", "<p>Old</p>");
    private final FeedWriter.Page page = new FeedWriter.Page("newsflow: tag Q36", "about Poland",
            "http://localhost:8082/feeds/tag/Q36.atom", "http://localhost:8082/", List.of(article, older));

    @ParameterizedTest
    @EnumSource(value = FeedFormat.class, names = {"ATOM", "RSS"})
    void shouldWriteAFeedRomeReadsBackWithEntriesCategoriesAndSources(FeedFormat format) throws Exception {
        String xml = FeedWriter.write(page, format);

        SyndFeed feed = new SyndFeedInput().build(new StringReader(xml));
        assertThat(feed.getFeedType()).isEqualTo(format.romeType());
        assertThat(feed.getTitle()).isEqualTo("newsflow: tag Q36");
        assertThat(feed.getEntries()).extracting(SyndEntry::getTitle)
                .containsExactly("Sanctions <b>&</b> trade", "Older");
        SyndEntry entry = feed.getEntries().get(0);
        assertThat(entry.getLink()).isEqualTo("https://news.example/a1");
        assertThat(entry.getCategories()).extracting(SyndCategory::getName)
                .containsExactly("Q36", "medtop:20000642", "newsflow:arms-trade");
        assertThat(entry.getCategories()).extracting(SyndCategory::getTaxonomyUri)
                .containsExactly(FeedWriter.WIKIDATA, FeedWriter.MEDIA_TOPICS, FeedWriter.NEWSFLOW_TAGS);
        String content = entry.getContents().get(0).getValue();
        assertThat(content).contains("Body", "Sources:", "Reuters (cited, Q130879)", "PAP &amp; Co (photo)")
                .doesNotContain("<script", "onerror", "javascript:", "<img");
        assertThat(xml).doesNotContain("<script", "<img", "\u0000");
        if (format == FeedFormat.RSS) {
            assertThat(entry.getDescription().getValue()).isEqualTo(content);
        }
    }

    @Test
    void shouldWriteAtomCategoriesWithTheirLabels() {
        assertThat(FeedWriter.write(page, FeedFormat.ATOM))
                .contains("<category term=\"Q36\" label=\"Poland\" scheme=\"" + FeedWriter.WIKIDATA + "\" />");
    }

    @Test
    void shouldWriteAJsonFeedWithTheRequiredFieldsOfVersion11() throws Exception {
        String json = FeedWriter.write(page, FeedFormat.JSON);

        JsonNode feed = Json.mapper().readTree(json);
        assertThat(feed.path("version").asText()).isEqualTo("https://jsonfeed.org/version/1.1");
        assertThat(feed.path("title").asText()).isEqualTo("newsflow: tag Q36");
        assertThat(feed.path("feed_url").asText()).isEqualTo("http://localhost:8082/feeds/tag/Q36.atom");
        assertThat(feed.path("items")).hasSize(2);
        JsonNode item = feed.path("items").get(0);
        assertThat(item.path("id").asText()).isEqualTo("a1");
        assertThat(item.path("url").asText()).isEqualTo("https://news.example/a1");
        assertThat(item.path("title").asText()).isEqualTo("Sanctions <b>&</b> trade");
        assertThat(item.path("content_html").asText()).contains("Body", "Reuters (cited, Q130879)")
                .doesNotContain("<script", "onerror", "javascript:");
        assertThat(item.path("tags")).extracting(JsonNode::asText)
                .containsExactly("Q36", "medtop:20000642", "newsflow:arms-trade");
        assertThat(item.path("date_published").asText()).isEqualTo("2025-03-01T09:00:00Z");
        assertThat(item.path("language").asText()).isEqualTo("en");
        assertThat(item.path("_newsflow").path("sources").get(0).path("role").asText()).isEqualTo("cited");
        assertThat(json).doesNotContain("<", ">", "&").contains("\\u003Cb\\u003E");
    }

    @Test
    void shouldFallBackToTheCleanTextWhenThereIsNoHtml() {
        EnrichedArticle plain = article("a2", "Plain", "");

        assertThat(FeedWriter.contentHtml(plain)).startsWith("<p>Text of a2 &lt;x&gt;</p><p>second</p>");
    }

    static EnrichedArticle article(String id, String title, String content) {
        RawArticle raw = RawArticle.builder().id(id).feedId("wire").feedTitle("Wire")
                .url("https://news.example/" + id).canonicalUrl("https://news.example/" + id)
                .title(title).content(content).authors(List.of("Jan Kowalski"))
                .published(Instant.parse("2025-03-01T09:00:00Z")).build();
        List<Tag> tags = List.of(new Tag("Q36", "Poland", TagType.PLACE, 2, 0.9, List.of()),
                new Tag("medtop:20000642", "international trade", TagType.TOPIC, 1, 0.8, List.of()),
                new Tag("newsflow:arms-trade", "arms trade", TagType.TOPIC, 1, 0.7, List.of()));
        List<SourceAttribution> sources = List.of(
                new SourceAttribution("Q130879", "Reuters", SourceKind.NEWS_AGENCY, SourceRole.CITED, null, null, 0.9,
                        List.of()),
                new SourceAttribution(null, "PAP & Co", SourceKind.PHOTO_AGENCY, SourceRole.PHOTO, null, null, 0.6,
                        List.of()));
        return EnrichedArticle.of(raw, "en", "Text of " + id + " <x>\n\nsecond", "", tags, sources,
                Instant.parse("2025-03-01T10:00:00Z"));
    }
}
