package dev.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.SourceKind;
import dev.newsflow.contract.Tag;
import dev.newsflow.enrich.kb.Entity;
import dev.newsflow.enrich.kb.KnowledgeBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeBaseTest {

    @TempDir
    Path dir;

    @Test
    void shouldLoadBundledKnowledgeBaseWithoutProblems() {
        KnowledgeBase kb = KnowledgeBase.bundled();
        assertThat(kb.problems()).isEmpty();
        assertThat(kb.entities().stream().filter(e -> e.type() == dev.newsflow.contract.TagType.PLACE)).hasSizeGreaterThan(450);
        assertThat(kb.entities().stream().filter(e -> e.type() == dev.newsflow.contract.TagType.PERSON)).hasSizeGreaterThan(150);
        assertThat(kb.entities().stream().filter(e -> e.source() != null)).hasSizeGreaterThan(250);
        assertThat(kb.entity("Q423")).get().extracting(Entity::label).isEqualTo("North Korea");
        assertThat(kb.entity("newsflow:38-north")).get().satisfies(e -> {
            assertThat(e.sourceKind()).isEqualTo(SourceKind.RESEARCH_WEBSITE);
            assertThat(e.source().parent()).isEqualTo("newsflow:stimson-center");
        });
    }

    @Test
    void shouldHaveUniqueIdsAndWellFormedIdsInBundledFile() throws IOException {
        String yaml = new String(KnowledgeBase.class.getResourceAsStream(KnowledgeBase.BUNDLED_RESOURCE).readAllBytes());
        Set<String> ids = new HashSet<>();
        for (String line : yaml.split("\n")) {
            int at = line.indexOf("id: ");
            if (line.trim().startsWith("- {id:") || line.trim().startsWith("- id:")) {
                String id = line.substring(at + 4).split("[,}\\s]")[0];
                assertThat(ids.add(id)).as("duplicate id %s", id).isTrue();
                assertThat(id).matches("Q\\d+|medtop:\\d{8}|newsflow:[a-z0-9-]+");
            }
        }
    }

    @Test
    void shouldExtendAndOverrideBundledEntriesById() throws IOException {
        Path user = dir.resolve("my-kb.yaml");
        Files.writeString(user, """
                entities:
                  - id: newsflow:gazeta-lokalna
                    type: organization
                    label: Gazeta Lokalna
                    names: {pl: [Gazeta Lokalna]}
                    source: {kind: newspaper}
                  - id: Q159
                    label: Russian Federation
                    names: {pl: [Rasija]}
                  - id: Q36
                    disabled: true
                topics:
                  - id: newsflow:beekeeping
                    label: beekeeping
                    minMentions: 1
                    keywords: {pl: [pszczelarstwo, pszczelarz]}
                """);
        KnowledgeBase merged = KnowledgeBase.bundled().mergedWith(KnowledgeBase.load(user));
        assertThat(merged.problems()).isEmpty();
        assertThat(merged.entity("Q36")).isEmpty();
        Entity russia = merged.entity("Q159").orElseThrow();
        assertThat(russia.label()).isEqualTo("Russian Federation");
        assertThat(russia.names().get("pl")).contains("Rosja", "Rasija");

        Enricher enricher = Enricher.builder().knowledgeBase(merged).languages(Set.of("pl", "en"))
                .clock(TestArticles.CLOCK).build();
        EnrichedArticle article = enricher.enrich(TestArticles.article("Pszczelarze z Polski",
                "Pszczelarz z Polski sprzedaje miód do Rosji - podała Gazeta Lokalna.", "pl"));
        assertThat(article.tags()).extracting(Tag::label).contains("Russian Federation", "beekeeping")
                .doesNotContain("Poland");
        assertThat(article.sources()).anySatisfy(s -> assertThat(s.id()).isEqualTo("newsflow:gazeta-lokalna"));
    }

    @Test
    void shouldReportEveryProblemOfAUserFile() throws IOException {
        Path user = dir.resolve("broken.yaml");
        Files.writeString(user, """
                entities:
                  - {type: place, label: Nowhere}
                  - {id: newsflow:child, type: organization, label: Child, names: {en: [Child Org]}, source: {parent: newsflow:missing}}
                topics:
                  - {label: no id}
                """);
        assertThatThrownBy(() -> KnowledgeBase.load(user)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entities[0]: missing id").hasMessageContaining("topics[0]: missing id");
        Path orphan = dir.resolve("orphan.yaml");
        Files.writeString(orphan, """
                entities:
                  - {id: newsflow:child, type: organization, label: Child, names: {en: [Child Org]}, source: {parent: newsflow:missing}}
                """);
        assertThat(KnowledgeBase.bundled().mergedWith(KnowledgeBase.load(orphan)).problems())
                .containsExactly("newsflow:child: unknown parent newsflow:missing");
        assertThatThrownBy(() -> Enricher.builder().knowledgeBase(KnowledgeBase.bundled()
                .mergedWith(KnowledgeBase.load(orphan))).build()).hasMessageContaining("unknown parent");
    }
}
