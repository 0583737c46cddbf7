package dev.newsflow.publish;

import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.RawArticle;
import dev.newsflow.contract.SourceAttribution;
import dev.newsflow.contract.SourceKind;
import dev.newsflow.contract.SourceRole;
import dev.newsflow.contract.Tag;
import dev.newsflow.contract.TagType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/** Articles and secrets for tests. */
public final class TestArticles {

    public static final String SECRET = secret("first-test-secret-32-bytes-long!");
    public static final String OTHER_SECRET = secret("other-test-secret-32-bytes-long!");
    public static final Instant ENRICHED_AT = Instant.parse("2025-03-01T10:15:30Z");

    private TestArticles() {
    }

    public static String secret(String keyText) {
        return "whsec_" + Base64.getEncoder().encodeToString(keyText.getBytes(StandardCharsets.UTF_8));
    }

    public static EnrichedArticle article(String id) {
        return article(id, "pap", "pl", List.of(), List.of());
    }

    public static EnrichedArticle tagged(String id, String... tagIds) {
        return article(id, "pap", "pl", List.of(tagIds), List.of());
    }

    public static EnrichedArticle article(String id, String feedId, String language, List<String> tagIds,
                                          List<String> sourceIds) {
        RawArticle raw = RawArticle.builder()
                .id(id).feedId(feedId).feedTitle("Feed " + feedId)
                .url("https://news.example/" + id).canonicalUrl("https://news.example/" + id)
                .title("Article " + id).content("<p>Body of " + id + "</p>")
                .fetched(ENRICHED_AT.minusSeconds(60))
                .build();
        List<Tag> tags = tagIds.stream()
                .map(tag -> new Tag(tag, "Label " + tag, TagType.PLACE, 1, 0.9, List.of())).toList();
        List<SourceAttribution> sources = sourceIds.stream()
                .map(source -> new SourceAttribution(source, "Source " + source, SourceKind.NEWS_AGENCY,
                        SourceRole.CITED, null, null, 0.9, List.of())).toList();
        return EnrichedArticle.of(raw, language, "Body of " + id, "", tags, sources, ENRICHED_AT);
    }
}
