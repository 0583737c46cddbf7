package dev.newsflow.ingest.fulltext;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.contract.ArticleId;
import dev.newsflow.contract.CanonicalUrl;
import dev.newsflow.contract.FullTextStatus;
import dev.newsflow.contract.RawArticle;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FullTextPolicyTest {

    private static final FullTextPolicy POLICY = new FullTextPolicy(200);
    private static final Instant PAGE_PUBLISHED = Instant.parse("2026-03-01T06:15:00Z");
    private static final ExtractedPage PAGE = new ExtractedPage("<p>" + "Page text. ".repeat(40) + "</p>", 440, 1,
            "Title", "https://site.example/a", "Lena Huber", "Tagblatt Example", PAGE_PUBLISHED, "de-AT");

    @Test
    void shouldFillWhatTheFeedLacksFromThePage() {
        RawArticle bare = RawArticle.builder().id("x").feedId("f").url("https://site.example/a")
                .content("<p>Lead.</p>").build();

        RawArticle merged = POLICY.withPage(bare, PAGE);

        assertThat(merged.fullText()).isEqualTo(FullTextStatus.FETCHED);
        assertThat(merged.content()).isEqualTo(PAGE.contentHtml());
        assertThat(merged.authors()).containsExactly("Lena Huber");
        assertThat(merged.published()).isEqualTo(PAGE_PUBLISHED);
        assertThat(merged.declaredLanguage()).isEqualTo("de-AT");
        assertThat(merged.feedTitle()).isEqualTo("Tagblatt Example");
    }

    @Test
    void shouldKeepWhatTheFeedDeclares() {
        Instant feedPublished = Instant.parse("2026-03-03T10:00:00Z");
        RawArticle full = RawArticle.builder().id("x").feedId("f").feedTitle("The Feed").url("https://site.example/a")
                .content("<p>Lead.</p>").authors(List.of("Feed Author")).published(feedPublished)
                .declaredLanguage("de").build();

        RawArticle merged = POLICY.withPage(full, PAGE);

        assertThat(merged.fullText()).isEqualTo(FullTextStatus.FETCHED);
        assertThat(merged.authors()).containsExactly("Feed Author");
        assertThat(merged.published()).isEqualTo(feedPublished);
        assertThat(merged.declaredLanguage()).isEqualTo("de");
        assertThat(merged.feedTitle()).isEqualTo("The Feed");
    }

    @Test
    void shouldUseThePageMetadataEvenWhenTheFeedHadMoreText() {
        RawArticle longer = RawArticle.builder().id("x").feedId("f").url("https://site.example/a")
                .content("<p>" + "Feed text. ".repeat(100) + "</p>").build();

        RawArticle merged = POLICY.withPage(longer, PAGE);

        assertThat(merged.fullText()).isEqualTo(FullTextStatus.FAILED);
        assertThat(merged.content()).isEqualTo(longer.content());
        assertThat(merged.authors()).containsExactly("Lena Huber");
        assertThat(merged.published()).isEqualTo(PAGE_PUBLISHED);
        assertThat(merged.feedTitle()).isEqualTo("Tagblatt Example");
    }

    @Test
    void shouldIgnoreTheMetadataOfAPageWithoutText() {
        RawArticle bare = RawArticle.builder().id("x").feedId("f").url("https://site.example/a")
                .content("<p>Lead.</p>").build();
        ExtractedPage empty = new ExtractedPage("", 0, 0, "Consent", null, "Someone", "Consent Portal",
                PAGE_PUBLISHED, "en");

        RawArticle merged = POLICY.withPage(bare, empty);

        assertThat(merged.fullText()).isEqualTo(FullTextStatus.FAILED);
        assertThat(merged.authors()).isEmpty();
        assertThat(merged.published()).isNull();
        assertThat(merged.declaredLanguage()).isNull();
        assertThat(merged.feedTitle()).isNull();
    }

    @Test
    void shouldTakeTheIdFromThePagesCanonicalUrl() {
        RawArticle article = linked("https://site.example/a?ref=feed");

        RawArticle merged = POLICY.withPage(article, page("https://SITE.example/a#top"));

        assertThat(merged.canonicalUrl()).isEqualTo("https://site.example/a");
        assertThat(merged.id()).isEqualTo(ArticleId.of("https://site.example/a", null).orElseThrow());
        assertThat(merged.url()).isEqualTo("https://site.example/a?ref=feed");
    }

    @Test
    void shouldIgnoreACanonicalUrlThatIsAHomePageNotHttpOrTheLinkItself() {
        RawArticle article = linked("https://site.example/a?ref=feed");

        for (String canonical : new String[] {"https://site.example/", "https://other.example", "ftp://site.example/a",
                "https://site.example/a?ref=feed&utm_source=x", "not a url"}) {
            RawArticle merged = POLICY.withPage(article, page(canonical));
            assertThat(merged.id()).as(canonical).isEqualTo(article.id());
            assertThat(merged.canonicalUrl()).as(canonical).isEqualTo(article.canonicalUrl());
        }
    }

    private static RawArticle linked(String link) {
        return RawArticle.builder().id(ArticleId.of(link, "g").orElseThrow()).feedId("f").url(link)
                .canonicalUrl(CanonicalUrl.of(link).orElseThrow()).guid("g").content("<p>Lead.</p>").build();
    }

    private static ExtractedPage page(String canonical) {
        return new ExtractedPage(PAGE.contentHtml(), PAGE.textLength(), 1, "Title", canonical, null, null, null, null);
    }
}
