package dev.newsflow.publish.feed;

import static dev.newsflow.publish.TestArticles.article;
import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.contract.EnrichedArticle;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FeedValidatorsTest {

    private final EnrichedArticle first = article("a1");
    private final EnrichedArticle second = article("a2");

    @Test
    void shouldChangeTheEtagWithTheEntriesTheirOrderTheirEnrichmentTimeAndTheFormat() {
        String etag = FeedValidators.etag(FeedFormat.ATOM, List.of(first, second));

        assertThat(etag).startsWith("\"").endsWith("\"").isEqualTo(FeedValidators.etag(FeedFormat.ATOM,
                List.of(article("a1"), article("a2"))));
        assertThat(FeedValidators.etag(FeedFormat.ATOM, List.of(second, first))).isNotEqualTo(etag);
        assertThat(FeedValidators.etag(FeedFormat.RSS, List.of(first, second))).isNotEqualTo(etag);
        EnrichedArticle again = new EnrichedArticle(first.schemaVersion(), first.id(), first.article(), "pl",
                first.text(), first.captions(), first.tags(), first.sources(), first.enrichedAt().plusSeconds(1));
        assertThat(FeedValidators.etag(FeedFormat.ATOM, List.of(again, second))).isNotEqualTo(etag);
    }

    @Test
    void shouldAnswerNotModifiedToAMatchingEtagWeakOrStrongOrAnyOfSeveral() {
        String etag = FeedValidators.etag(FeedFormat.ATOM, List.of(first));
        Optional<Instant> modified = FeedValidators.lastModified(List.of(first));

        assertThat(FeedValidators.notModified(etag, null, etag, modified)).isTrue();
        assertThat(FeedValidators.notModified("\"x\", W/" + etag, null, etag, modified)).isTrue();
        assertThat(FeedValidators.notModified("*", null, etag, modified)).isTrue();
        assertThat(FeedValidators.notModified("\"x\"", null, etag, modified)).isFalse();
        assertThat(FeedValidators.notModified(null, null, etag, modified)).isFalse();
    }

    @Test
    void shouldAnswerNotModifiedSinceTheLastEnrichmentUnlessAnEtagIsAsked() {
        String etag = FeedValidators.etag(FeedFormat.ATOM, List.of(first));
        Optional<Instant> modified = FeedValidators.lastModified(List.of(first));
        String at = FeedValidators.httpDate(modified.orElseThrow());
        String before = FeedValidators.httpDate(modified.orElseThrow().minusSeconds(1));

        assertThat(at).isEqualTo("Sat, 1 Mar 2025 10:15:30 GMT");
        assertThat(FeedValidators.notModified(null, at, etag, modified)).isTrue();
        assertThat(FeedValidators.notModified(null, before, etag, modified)).isFalse();
        assertThat(FeedValidators.notModified("\"other\"", at, etag, modified)).isFalse();
        assertThat(FeedValidators.notModified(null, "yesterday", etag, modified)).isFalse();
        assertThat(FeedValidators.notModified(null, at, etag, Optional.empty())).isFalse();
    }
}
