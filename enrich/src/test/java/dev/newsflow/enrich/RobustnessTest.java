package dev.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.RawArticle;
import org.junit.jupiter.api.Test;

/** Odd input gives "und" and no tags, never an exception. */
class RobustnessTest {

    private static EnrichedArticle enrich(RawArticle article) {
        return TestArticles.enricher().enrich(article);
    }

    @Test
    void shouldHandleEmptyArticle() {
        EnrichedArticle article = enrich(RawArticle.builder().id("a").feedId("f").build());
        assertThat(article.language()).isEqualTo("und");
        assertThat(article.text()).isEmpty();
        assertThat(article.tags()).isEmpty();
        assertThat(article.sources()).isEmpty();
        assertThat(article.enrichedAt()).isEqualTo(TestArticles.CLOCK.instant());
    }

    @Test
    void shouldHandleScriptsStylesAndMalformedHtml() {
        EnrichedArticle article = enrich(TestArticles.article("<b>x", "<html><script>document.write('<p>Rosja')"
                + "</script><style>.a{}</style><p>Unclosed <div><span>Tekst o Rosji<p><<<>>>&amp;&#xZZ;"));
        assertThat(article.text()).doesNotContain("document.write").contains("Tekst o Rosji");
    }

    @Test
    void shouldHandleNonsenseAndControlCharacters() {
        EnrichedArticle article = enrich(TestArticles.article("\u0000\u0001", "\u0000\uFFFF\uD800 ¤¤¤ ### 12 34 /// "
                + "(((( )))) ---- ’’’ ''' ©©© POOLPOOL/"));
        assertThat(article.language()).isEqualTo("und");
        assertThat(article.tags()).isEmpty();
    }

    @Test
    void shouldHandleHugeContentInBoundedTime() {
        StringBuilder huge = new StringBuilder();
        String paragraph = "Rosja i Korea Płn. wznowiły handel koleją - informuje agencja Bloomberga. ";
        while (huge.length() < 3_000_000) {
            huge.append(paragraph).append("\n\n");
        }
        long start = System.nanoTime();
        EnrichedArticle article = enrich(TestArticles.article("Duży", huge.toString()));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(article.language()).isEqualTo("pl");
        assertThat(article.tags()).isNotEmpty();
        assertThat(millis).as("3 MB article enriched in %d ms", millis).isLessThan(60_000);
    }

    @Test
    void shouldUseSummaryWhenContentIsEmptyAndMediaCreditsAsCaptions() {
        RawArticle raw = TestArticles.article("Flood", "").toBuilder()
                .summary("<p>The river burst its banks in Kraków on Sunday, the city said.</p>")
                .media(java.util.List.of(new dev.newsflow.contract.Media("http://x/a.jpg", "image/jpeg", null, null,
                        "Reuters/Kacper Pempel")))
                .build();
        EnrichedArticle article = enrich(raw);
        assertThat(article.text()).startsWith("The river burst");
        assertThat(article.captions()).isEqualTo("Photo: Reuters/Kacper Pempel");
        assertThat(article.sources()).anySatisfy(s -> assertThat(s.name()).isEqualTo("Reuters"));
    }

    @Test
    void shouldEnrichDeeplyNestedHtmlWithoutOverflowingTheStack() {
        String nested = "<div>".repeat(50_000) + "<p>Według agencji Reuters rozmowy w Warszawie trwają.</p>"
                + "</div>".repeat(50_000);
        long start = System.nanoTime();
        EnrichedArticle article = enrich(TestArticles.article("Rozmowy", nested, "pl"));
        assertThat(article.text()).contains("rozmowy w Warszawie trwają");
        assertThat(article.sources()).anySatisfy(source -> assertThat(source.name()).isEqualTo("Reuters"));
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
                .isLessThan(java.time.Duration.ofSeconds(10));
    }

    @Test
    void shouldNeutraliseScriptAndEventHandlerInjectionInTitleAndContent() {
        EnrichedArticle article = enrich(TestArticles.article(
                "<script>alert(1)</script>Talks <img src=x onerror=alert(2)>",
                "<p onclick=\"steal()\">Talks in Warsaw ended, according to Reuters.</p>"
                        + "<script>document.cookie</script>", "en"));
        assertThat(article.text()).doesNotContain("<script", "onclick", "document.cookie", "steal()");
        assertThat(article.text()).contains("Talks in Warsaw ended");
    }
}
