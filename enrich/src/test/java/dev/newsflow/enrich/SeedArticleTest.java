package dev.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.Evidence;
import dev.newsflow.contract.RawArticle;
import dev.newsflow.contract.SourceAttribution;
import dev.newsflow.contract.Tag;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The seed article against its hand-made gold: every required source and tag found, no forbidden tag. The seed is
 * plain text (title on the first line); it is enriched as such and wrapped in HTML paragraphs as a page serves it.
 */
class SeedArticleTest {

    private static final String SEED = "000_165c8a2d37cf1bfb.txt";
    private static String title;
    private static String body;
    private static JsonNode gold;

    @BeforeAll
    static void readSeed() throws IOException {
        Path seed = SharedData.seeds().resolve(SEED);
        Path goldFile = SharedData.seeds().resolve("seed-gold.json");
        assertThat(seed).as("the seed article (set -Dnewsflow.shared.dir or lay ../shared next to the project)")
                .exists();
        assertThat(goldFile).as("the seed's gold file").exists();
        String text = Files.readString(seed, StandardCharsets.UTF_8);
        int firstBreak = text.indexOf('\n');
        title = text.substring(0, firstBreak).trim();
        body = text.substring(firstBreak + 1);
        gold = new ObjectMapper().readTree(goldFile.toFile());
    }

    static Stream<Arguments> forms() {
        return Stream.of(Arguments.of("plain text", false), Arguments.of("HTML paragraphs", true));
    }

    private static EnrichedArticle enrich(boolean html) {
        RawArticle raw = TestArticles.article(title, html ? TestArticles.asHtml(body) : body, "pl");
        return TestArticles.enricher().enrich(raw);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void shouldDetectPolish(String form, boolean html) {
        assertThat(enrich(html).language()).isEqualTo(gold.get("language").asText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void shouldFindEveryRequiredSourceWithItsEvidence(String form, boolean html) {
        EnrichedArticle article = enrich(html);
        for (JsonNode required : gold.at("/sources/required")) {
            String name = required.get("name").asText();
            String role = required.get("role").asText();
            Optional<SourceAttribution> found = article.sources().stream()
                    .filter(source -> source.name().equals(name) && source.role().name().toLowerCase(Locale.ROOT)
                            .equals(role))
                    .findFirst();
            assertThat(found).as("source %s (%s) among %s", name, role, article.sources()).isPresent();
            SourceAttribution source = found.get();
            assertThat(source.kind().wireName()).as("kind of %s", name).isEqualTo(required.get("kind").asText());
            if (required.has("affiliation")) {
                assertThat(source.affiliation()).as("affiliation of %s", name)
                        .isEqualTo(required.get("affiliation").asText());
            }
            List<String> evidence = source.evidence().stream().map(Evidence::text).toList();
            for (JsonNode expected : required.get("evidence")) {
                assertThat(evidence).as("evidence of %s", name).anyMatch(text -> text.contains(expected.asText()));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void shouldTagEveryRequiredEntityAndTopic(String form, boolean html) {
        EnrichedArticle article = enrich(html);
        for (JsonNode required : gold.at("/tags/required")) {
            String label = required.get("label").asText();
            Optional<Tag> tag = article.tags().stream().filter(t -> t.label().equals(label)).findFirst();
            assertThat(tag).as("tag %s among %s", label, article.tags().stream().map(Tag::label).toList())
                    .isPresent();
            assertThat(tag.get().type().name().toLowerCase(Locale.ROOT)).as("type of %s", label)
                    .isEqualTo(required.get("type").asText());
            if (required.has("wikidata")) {
                assertThat(tag.get().id()).as("id of %s", label).isEqualTo(required.get("wikidata").asText());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void shouldNotTagAnythingFromTheRecommendationsList(String form, boolean html) {
        EnrichedArticle article = enrich(html);
        List<String> labels = article.tags().stream().map(Tag::label).toList();
        for (JsonNode forbidden : gold.at("/tags/forbidden")) {
            assertThat(labels).as("forbidden tag").doesNotContain(forbidden.asText());
        }
        assertThat(article.text()).doesNotContain("Wybrane dla Ciebie", "InPost", "Dalsza część artykułu",
                "Rosjanie drżą przed zimą", "oprac.");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void shouldMoveCaptionsAndCreditsOutOfTheText(String form, boolean html) {
        EnrichedArticle article = enrich(html);
        assertThat(article.text()).doesNotContain("Dostawca:", "Źródło zdjęć", "ZEMLIANICHENKO", "Vladivostok");
        assertThat(article.captions()).contains("Dostawca: PAP/EPA", "Źródło zdjęć: © PAP",
                "EPA/ALEXANDER ZEMLIANICHENKO / POOL");
        assertThat(article.text()).startsWith("Rosja i Korea Północna wznowiły handel")
                .contains("\n\nTo najświeższa oznaka");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void shouldPointEveryEvidenceAtItsField(String form, boolean html) {
        EnrichedArticle article = enrich(html);
        Stream.concat(article.tags().stream().flatMap(tag -> tag.evidence().stream()),
                        article.sources().stream().flatMap(source -> source.evidence().stream()))
                .forEach(evidence -> {
                    String field = switch (evidence.field()) {
                        case Evidence.TITLE -> article.title();
                        case Evidence.TEXT -> article.text();
                        default -> article.captions();
                    };
                    assertThat(field.substring(evidence.start(), evidence.end())).isEqualTo(evidence.text());
                    assertThat(evidence.field()).isIn(Evidence.TITLE, Evidence.TEXT, Evidence.CAPTIONS);
                });
        assertThat(article.tags()).allSatisfy(tag -> assertThat(tag.evidence())
                .noneMatch(evidence -> evidence.field().equals(Evidence.CAPTIONS)));
    }
}
