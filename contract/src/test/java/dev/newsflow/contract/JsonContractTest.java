package dev.newsflow.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class JsonContractTest {

    private static final Instant NOW = Instant.parse("2026-01-20T10:15:30Z");

    @Test
    void shouldRoundTripAnEnrichedArticleThroughTheTopicSerde() {
        EnrichedArticle article = sampleArticle();
        var serde = Topics.ENRICHED_ARTICLES.valueSerde();

        byte[] bytes = serde.serializer().serialize("t", article);

        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(article);
    }

    @Test
    void shouldWriteEnumsAndInstantsAsReadableStrings() {
        JsonNode json = Json.mapper().valueToTree(sampleArticle());

        assertThat(json.get("schemaVersion").asInt()).isEqualTo(EnrichedArticle.SCHEMA_VERSION);
        assertThat(json.at("/sources/0/kind").asText()).isEqualTo("news agency");
        assertThat(json.at("/sources/0/role").asText()).isEqualTo("cited");
        assertThat(json.at("/tags/0/type").asText()).isEqualTo("place");
        assertThat(json.at("/article/fullText").asText()).isEqualTo("fetched");
        assertThat(json.get("enrichedAt").asText()).isEqualTo("2026-01-20T10:15:30Z");
    }

    @Test
    void shouldIgnoreFieldsAddedByANewerProducer() {
        ObjectNode json = Json.mapper().valueToTree(sampleArticle());
        json.put("sentiment", 0.3);
        ((ObjectNode) json.at("/sources/0")).put("kind", "satellite operator");

        EnrichedArticle read = Topics.ENRICHED_ARTICLES.valueSerde().deserializer()
                .deserialize("t", json.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(read.id()).isEqualTo(sampleArticle().id());
        assertThat(read.sources().get(0).kind()).isEqualTo(SourceKind.UNKNOWN);
    }

    @Test
    void shouldReadEnumValuesAddedByANewerProducerAsUnknown() {
        ObjectNode json = Json.mapper().valueToTree(sampleArticle());
        ((ObjectNode) json.at("/tags/0")).put("type", "event");
        ((ObjectNode) json.at("/sources/0")).put("role", "translator");
        ((ObjectNode) json.at("/article")).put("fullText", "archived");

        EnrichedArticle read = Json.read(json.toString(), EnrichedArticle.class);

        assertThat(read.tags().get(0).type()).isEqualTo(TagType.UNKNOWN);
        assertThat(read.sources().get(0).role()).isEqualTo(SourceRole.UNKNOWN);
        assertThat(read.article().fullText()).isEqualTo(FullTextStatus.UNKNOWN);
    }

    @Test
    void shouldRefuseTagsAndSourcesWithoutTheirIdentity() {
        assertThatThrownBy(() -> new Tag(null, "Russia", TagType.PLACE, 1, 1.0, List.of()))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("id");
        assertThatThrownBy(() -> new SourceAttribution("Q1", null, SourceKind.NEWS_AGENCY, SourceRole.CITED, null,
                null, 1.0, List.of())).isInstanceOf(NullPointerException.class).hasMessageContaining("name");
    }

    @Test
    void shouldMatchTheBundledJsonSchema() throws Exception {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Schemas.enrichedArticle());

        assertThat(schema.validate(Json.mapper().valueToTree(sampleArticle()))).isEmpty();

        ObjectNode broken = Json.mapper().valueToTree(sampleArticle());
        ((ObjectNode) broken.at("/tags/0")).put("type", "planet");
        broken.remove("language");
        assertThat(schema.validate(broken)).hasSize(2);
    }

    @Test
    void shouldReportAPoisonRecordAsASerializationException() {
        var deserializer = Topics.ENRICHED_ARTICLES.valueSerde().deserializer();

        assertThatThrownBy(() -> deserializer.deserialize("news.articles.enriched",
                "{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("news.articles.enriched").hasMessageContaining("EnrichedArticle");
    }

    static EnrichedArticle sampleArticle() {
        RawArticle raw = RawArticle.builder()
                .id(ArticleId.of("https://example.com/a", null).orElseThrow())
                .feedId("example").feedTitle("Example").url("https://example.com/a?utm_source=x")
                .canonicalUrl("https://example.com/a").guid("a-1")
                .title("Rosja i Korea Płn.").summary("<p>lead</p>").content("<p>body</p>")
                .authors(List.of("KKG")).categories(List.of("World"))
                .media(List.of(new Media("https://example.com/p.jpg", "image/jpeg", 1234L, null, "PAP/EPA")))
                .published(NOW.minusSeconds(3600)).fetched(NOW.minusSeconds(60)).declaredLanguage("pl")
                .fullText(FullTextStatus.FETCHED).build();
        Evidence evidence = new Evidence(Evidence.TEXT, "informuje agencja Bloomberga", 10, 38);
        return EnrichedArticle.of(raw, "pl", "Rosja ... informuje agencja Bloomberga", "Dostawca: PAP/EPA",
                List.of(new Tag("Q159", "Russia", TagType.PLACE, 3, 0.9, List.of(
                        new Evidence(Evidence.TEXT, "Rosja", 0, 5)))),
                List.of(new SourceAttribution("Q14270", "Bloomberg", SourceKind.NEWS_AGENCY, SourceRole.CITED,
                        null, null, 0.95, List.of(evidence))),
                NOW);
    }
}
