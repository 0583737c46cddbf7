package dev.newsflow.enrich.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.Evidence;
import dev.newsflow.contract.RawArticle;
import dev.newsflow.contract.SourceAttribution;
import dev.newsflow.contract.Tag;
import dev.newsflow.enrich.Enricher;

/**
 * Coverage-guided fuzzing of text cleaning, tagging and attribution: any title, body and declared language enrich
 * without an exception, and every evidence span points inside its field with exactly the text it quotes. In a normal
 * test run only the inputs kept under {@code EnrichmentFuzzTestInputs} run; {@code JAZZER_FUZZ=1} fuzzes.
 */
class EnrichmentFuzzTest {

    private static final String[] LANGUAGES = {"pl", "en", null, "de", "xx"};
    private static final Enricher ENRICHER = Enricher.builder().build();

    @FuzzTest(maxDuration = "30s")
    void shouldEnrichAnyTextWithEvidenceInsideItsField(FuzzedDataProvider data) {
        String language = LANGUAGES[data.consumeInt(0, LANGUAGES.length - 1)];
        String title = data.consumeString(200);
        String body = data.consumeRemainingAsString();
        RawArticle raw = RawArticle.builder().id("0123456789abcdef01234567").feedId("fuzz").title(title)
                .content(body).declaredLanguage(language).build();

        EnrichedArticle article = ENRICHER.enrich(raw);

        for (Tag tag : article.tags()) {
            tag.evidence().forEach(evidence -> assertInside(article, evidence));
        }
        for (SourceAttribution source : article.sources()) {
            assertThat(source.name()).isNotBlank();
            source.evidence().forEach(evidence -> assertInside(article, evidence));
        }
    }

    private static void assertInside(EnrichedArticle article, Evidence evidence) {
        String field = switch (evidence.field()) {
            case Evidence.TITLE -> article.title();
            case Evidence.TEXT -> article.text();
            case Evidence.CAPTIONS -> article.captions();
            default -> throw new AssertionError("unknown evidence field " + evidence.field());
        };
        assertThat(evidence.start()).isBetween(0, evidence.end());
        assertThat(evidence.end()).isLessThanOrEqualTo(field.length());
        assertThat(field.substring(evidence.start(), evidence.end())).isEqualTo(evidence.text());
    }
}
