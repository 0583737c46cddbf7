package dev.newsflow.enrich.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.RawArticle;
import dev.newsflow.contract.SourceAttribution;
import dev.newsflow.contract.SourceKind;
import dev.newsflow.contract.SourceRole;
import dev.newsflow.contract.Tag;
import dev.newsflow.contract.TagType;
import dev.newsflow.enrich.Enricher;
import dev.newsflow.enrich.SharedData;
import dev.newsflow.enrich.eval.Gold.GoldSource;
import dev.newsflow.enrich.eval.Gold.GoldTag;
import dev.newsflow.enrich.kb.KnowledgeBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationTest {

    private static final KnowledgeBase KB = KnowledgeBase.bundled();
    private static final Evaluation EVALUATION = new Evaluation(KB);

    @TempDir
    Path folder;

    @Test
    void shouldCountOptionalFindsAsCorrectButOnlyRequiredOnesTowardsRecall() {
        Gold gold = new Gold("doc", "en", List.of(new GoldSource("Reuters", "cited", null),
                new GoldSource("Bloomberg", "cited", null)), List.of(new GoldSource("White House", "cited", null)),
                List.of(), List.of(), List.of(), false);
        EnrichedArticle article = enriched(List.of(source(null, "Reuters", SourceRole.CITED),
                source(null, "White House", SourceRole.CITED), source(null, "Gazprom", SourceRole.CITED)), List.of());

        Evaluation.Result result = EVALUATION.score(gold, article);

        assertThat(result.sources()).isEqualTo(new Score(2, 1, 3, 2));
        assertThat(result.sources().recall()).isEqualTo(0.5);
        assertThat(result.sources().precision()).isEqualTo(2 / 3.0);
        assertThat(result.missedSources()).containsExactly("Bloomberg (cited)");
        assertThat(result.wrongSources()).containsExactly("Gazprom (cited)");
    }

    @Test
    void shouldRequireTheRoleToMatch() {
        Gold gold = new Gold("doc", "en", List.of(new GoldSource("Reuters", "publisher", null)), List.of(),
                List.of(), List.of(), List.of(), false);
        Evaluation.Result result = EVALUATION.score(gold, enriched(List.of(source(null, "Reuters",
                SourceRole.CITED)), List.of()));
        assertThat(result.sources().requiredFound()).isZero();
        assertThat(result.sources().predictedCorrect()).isZero();
    }

    @Test
    void shouldMatchNamesThroughTheKnowledgeBaseAndIgnoreCaseAccentsAndTheArticle() {
        Gold gold = new Gold("doc", "en", List.of(new GoldSource("The Associated Press", "cited", null),
                new GoldSource("Polska Agencja Prasowa", "photo", List.of("PAP"))), List.of(),
                List.of(new GoldTag("North Korea", "place", null, null), new GoldTag("Kim Jong Un", "person", "Q56226",
                        null)), List.of(), List.of("Greenland"), true);
        EnrichedArticle article = enriched(List.of(source("Q40469", "AP", SourceRole.CITED),
                        source(null, "pap", SourceRole.PHOTO)),
                List.of(tag("Q423", "Korea Północna", TagType.PLACE), tag("Q56226", "Kim", TagType.PERSON),
                        tag("Q223", "Greenland", TagType.PLACE)));

        Evaluation.Result result = EVALUATION.score(gold, article);

        assertThat(result.sources()).isEqualTo(new Score(2, 2, 2, 2));
        assertThat(result.tags()).isEqualTo(new Score(2, 2, 3, 2));
        assertThat(result.forbiddenTagsFound()).containsExactly("Greenland");
    }

    @Test
    void shouldScoreTagsOnlyWhereTheGoldLabelsThem() {
        Gold gold = new Gold("doc", "pl", List.of(), List.of(), List.of(), List.of(), List.of(), false);
        Evaluation.Result result = EVALUATION.score(gold, enriched(List.of(),
                List.of(tag("Q36", "Poland", TagType.PLACE))));
        assertThat(result.tags()).isEqualTo(Score.ZERO);
        assertThat(Totals.byLanguage(List.of(result))).containsKeys("pl", Totals.ALL);
    }

    @Test
    void shouldReadJsonLinesGoldWhoseDocumentsAreFilesAndTsvRows() throws IOException {
        Files.createDirectories(folder.resolve("pl"));
        Files.writeString(folder.resolve("pl/sentences.tsv"), "sent_id\tdoc_id\ttext\n"
                + "s1\td1\tWedług agencji Reuters rząd w Warszawie podał nowe dane.\n", StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("article.txt"), "A short title\n\nThe Associated Press reported it.",
                StandardCharsets.UTF_8);
        Path gold = folder.resolve("gold.jsonl");
        Files.writeString(gold, """
                {"file": "pl/sentences.tsv#s1", "language": "pl", "required": [{"name": "Reuters", "role": "cited"}], "optional": []}

                {"file": "article.txt", "language": "en", "required": [], "optional": [], "tags": {"required": [{"label": "X", "type": "topic"}]}}
                """, StandardCharsets.UTF_8);
        GoldFiles files = new GoldFiles(folder);

        List<Gold> golds = files.read(gold);

        assertThat(golds).hasSize(2);
        assertThat(golds.get(0).tagsLabelled()).isFalse();
        assertThat(golds.get(1).requiredTags()).extracting(GoldTag::label).containsExactly("X");
        RawArticle sentence = files.article(golds.get(0));
        assertThat(sentence.content()).startsWith("Według agencji Reuters");
        assertThat(sentence.declaredLanguage()).isEqualTo("pl");
        RawArticle article = files.article(golds.get(1));
        assertThat(article.title()).isEqualTo("A short title");
        assertThat(article.content()).isEqualTo("The Associated Press reported it.");
        EnrichedArticle enriched = Enricher.builder().build().enrich(sentence);
        assertThat(EVALUATION.score(golds.get(0), enriched).sources().recall()).isEqualTo(1.0);
    }

    @Test
    void shouldNameTheLineOfAMalformedGoldLineAndAMissingRow() throws IOException {
        Path gold = folder.resolve("bad.jsonl");
        Files.writeString(gold, "{\"file\": \"a.txt\", \"required\": []}\n{\"file\": \"b.txt\", oops}\n",
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new GoldFiles(folder).read(gold)).isInstanceOf(IOException.class)
                .hasMessageContaining("bad.jsonl:2");

        Path noFile = folder.resolve("nofile.jsonl");
        Files.writeString(noFile, "{\"required\": []}\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new GoldFiles(folder).read(noFile)).hasMessageContaining("\"file\"");

        Files.writeString(folder.resolve("rows.tsv"), "a\tb\ttext\n", StandardCharsets.UTF_8);
        Gold missingRow = new Gold("rows.tsv#zz", "pl", List.of(), List.of(), List.of(), List.of(), List.of(), false);
        assertThatThrownBy(() -> new GoldFiles(folder).article(missingRow)).hasMessageContaining("no row zz");
    }

    @Test
    void shouldFindEverythingTheSeedGoldRequiresAndNothingItForbids() throws IOException {
        Path seedGold = SharedData.seeds().resolve("seed-gold.json");
        assumeTrue(Files.exists(seedGold), "seed gold " + seedGold + " absent: test skipped");
        GoldFiles files = new GoldFiles(folder);
        Gold gold = files.read(seedGold).get(0);

        Evaluation.Result result = EVALUATION.score(gold, Enricher.builder().build().enrich(files.article(gold)));

        assertThat(result.sources().recall()).isEqualTo(1.0);
        assertThat(result.tags().recall()).isEqualTo(1.0);
        assertThat(result.forbiddenTagsFound()).isEmpty();
    }

    private static EnrichedArticle enriched(List<SourceAttribution> sources, List<Tag> tags) {
        RawArticle raw = RawArticle.builder().id("0123456789abcdef01234567").feedId("test").title("t").content("c")
                .build();
        return EnrichedArticle.of(raw, "en", "c", "", tags, sources, Instant.EPOCH);
    }

    private static SourceAttribution source(String id, String name, SourceRole role) {
        return new SourceAttribution(id, name, SourceKind.NEWS_AGENCY, role, null, null, 0.9, List.of());
    }

    private static Tag tag(String id, String label, TagType type) {
        return new Tag(id, label, type, 1, 0.9, List.of());
    }
}
