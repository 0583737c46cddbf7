package dev.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.SourceAttribution;
import dev.newsflow.contract.SourceRole;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Real text from ../shared/corpus (skipped with a message where the corpus is absent). */
class CorpusTest {

    /** The one article of en/aeb not in English; Korean is not among the configured languages. */
    private static final String KOREAN_ARTICLE = "0ec95c7261d122f3.txt";

    private static Path require(String relative) {
        Path path = SharedData.corpus().resolve(relative);
        assumeTrue(Files.exists(path), "corpus file " + path + " absent: corpus tests skipped");
        return path;
    }

    private static List<String> cited(EnrichedArticle article) {
        return article.sources().stream().filter(s -> s.role() == SourceRole.CITED).map(SourceAttribution::name)
                .toList();
    }

    @Test
    void shouldTakeTheApDatelineAsPublisherAndFindXinhuaCitedInEnglishArticles() throws IOException {
        String ap = Files.readString(require("articles/en/aeb/aec5deeaada8b2fb.txt"), StandardCharsets.UTF_8);
        EnrichedArticle debate = TestArticles.enricher().enrich(TestArticles.article("Debate", ap));
        assertThat(debate.language()).isEqualTo("en");
        assertThat(debate.sources()).anySatisfy(source -> {
            assertThat(source.name()).isEqualTo("AP");
            assertThat(source.role()).isEqualTo(SourceRole.PUBLISHER);
            assertThat(source.evidence().get(0).text()).isEqualTo("(AP) —");
        });
        assertThat(cited(debate)).doesNotContain("AP");
        assertThat(debate.tags()).noneMatch(tag -> tag.label().equals("World Health Organization"));

        String plague = Files.readString(require("articles/en/aeb/432362af0be43f6d.txt"), StandardCharsets.UTF_8);
        EnrichedArticle china = TestArticles.enricher().enrich(TestArticles.article("Plague", plague));
        assertThat(cited(china)).contains("Xinhua");
        assertThat(china.tags()).anyMatch(tag -> tag.id().equals("Q148"));
    }

    @Test
    void shouldDetectEnglishInEveryEnglishArticleWithoutADeclaredLanguage() throws IOException {
        Path folder = require("articles/en/aeb");
        List<Path> files;
        try (var listing = Files.list(folder)) {
            files = listing.filter(file -> file.toString().endsWith(".txt")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(10);
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String expected = file.getFileName().toString().equals(KOREAN_ARTICLE) ? "und" : "en";
            assertThat(TestArticles.enricher().enrich(TestArticles.article("", text)).language())
                    .as(file.getFileName().toString()).isEqualTo(expected);
        }
    }

    @Test
    void shouldFindAgenciesCitedInPolishNewsSentences() throws IOException {
        List<String> lines = Files.readAllLines(require("articles/pl/ud-pud/pl_pud_news_sentences.tsv"),
                StandardCharsets.UTF_8);
        Map<String, String> sentences = lines.stream().skip(1).map(line -> line.split("\t"))
                .filter(cols -> cols.length >= 4)
                .collect(Collectors.toMap(cols -> cols[0], cols -> cols[3], (a, b) -> a));
        String associatedPress = sentences.values().stream().filter(s -> s.contains("przekazał Associated Press"))
                .findFirst().orElseThrow();
        EnrichedArticle ap = TestArticles.enricher().enrich(TestArticles.article("", associatedPress, "pl"));
        assertThat(cited(ap)).contains("AP");

        String bbc = sentences.values().stream().filter(s -> s.contains("powiedziała BBC")).findFirst().orElseThrow();
        assertThat(cited(TestArticles.enricher().enrich(TestArticles.article("", bbc, "pl")))).contains("BBC");

        String census = sentences.values().stream().filter(s -> s.contains("według Census Bureau")).findFirst()
                .orElseThrow();
        EnrichedArticle unknown = TestArticles.enricher().enrich(TestArticles.article("", census, "pl"));
        assertThat(unknown.sources()).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo("Census Bureau");
            assertThat(s.id()).isNull();
        });
    }

    @Test
    void shouldNeverThrowOnAnyCorpusSentence() throws IOException {
        List<String> lines = Files.readAllLines(require("articles/pl/ud-pud/pl_pud_news_sentences.tsv"),
                StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] cols = line.split("\t");
            String text = cols[cols.length - 1];
            EnrichedArticle article = TestArticles.enricher().enrich(TestArticles.article("", text, "pl"));
            assertThat(article.text()).isNotNull();
        }
    }
}
