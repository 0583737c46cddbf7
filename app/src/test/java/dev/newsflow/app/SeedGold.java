package dev.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The hand-made gold of the seed article (../shared/seeds/seed-gold.json) as assertions on an enriched article. */
final class SeedGold {

    private final JsonNode gold;

    private SeedGold(JsonNode gold) {
        this.gold = gold;
    }

    static SeedGold load() throws IOException {
        Path file = Path.of(System.getProperty("newsflow.shared.dir", "../shared"), "seeds", "seed-gold.json");
        assertThat(file).as("the seed's gold file; lay ../shared next to the project").exists();
        return new SeedGold(Json.mapper().readTree(Files.readString(file)));
    }

    String title() {
        return gold.get("title").asText();
    }

    void assertMatches(EnrichedArticle article) {
        assertThat(article.language()).isEqualTo(gold.get("language").asText());
        for (JsonNode source : gold.at("/sources/required")) {
            assertThat(article.sources()).as("sources of the seed article")
                    .anySatisfy(found -> {
                        assertThat(found.name()).isEqualTo(source.get("name").asText());
                        assertThat(found.kind().wireName()).isEqualTo(source.get("kind").asText());
                        assertThat(found.role().name().toLowerCase(Locale.ROOT)).isEqualTo(source.get("role").asText());
                    });
        }
        for (JsonNode tag : gold.at("/tags/required")) {
            assertThat(article.tags()).as("tags of the seed article").anySatisfy(found -> {
                if (tag.has("wikidata")) {
                    assertThat(found.id()).isEqualTo(tag.get("wikidata").asText());
                } else {
                    assertThat(found.label()).isEqualTo(tag.get("label").asText());
                }
                assertThat(found.type().name().toLowerCase(Locale.ROOT)).isEqualTo(tag.get("type").asText());
            });
        }
        for (JsonNode forbidden : gold.at("/tags/forbidden")) {
            assertThat(article.tags()).as("tags of the seed article")
                    .noneSatisfy(found -> assertThat(found.label()).isEqualToIgnoringCase(forbidden.asText()));
        }
    }
}
