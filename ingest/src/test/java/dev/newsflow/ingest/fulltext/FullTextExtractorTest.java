package dev.newsflow.ingest.fulltext;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.contract.Json;
import dev.newsflow.ingest.Corpus;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

class FullTextExtractorTest {

    private final FullTextExtractor extractor = new FullTextExtractor();

    @Test
    void shouldKeepParagraphsHeadingsCaptionsCreditsAndTheClosingList() throws IOException {
        ExtractedPage page = extractor.extract(resource("/pages/article-pl.html"),
                URI.create("https://wiadomosci.example.pl/kraj/artykul-1?utm_source=rss"));

        assertThat(page.contentHtml()).startsWith("<p>")
                .contains("<p>Rząd przyjął w poniedziałek projekt ustawy")
                .contains("<p>Co dalej z projektem?</p>")
                .contains("<p>Posłowie na sali plenarnym Sejmu. Dostawca: PAP/Leszek Szymański</p>")
                .contains("<p>Źródło zdjęć: Reuters</p>")
                .contains("<p>Czytaj także: Budżet na 2027 rok</p>")
                .contains("Tak napisano w tekście, &quot;cytat&quot; &amp; więcej.")
                .doesNotContain("Zaloguj się", "Polityka prywatności", "window.dataLayer", "Newsletter", "<img");
        assertThat(page.paragraphs()).isEqualTo(9);
        assertThat(page.textLength()).isGreaterThan(600);
        assertThat(page.canonicalUrl()).isEqualTo("https://wiadomosci.example.pl/kraj/artykul-1");
        assertThat(page.byline()).isEqualTo("Anna Nowak");
        assertThat(page.siteName()).isEqualTo("Wiadomości Example");
        assertThat(page.published()).isEqualTo(Instant.parse("2026-03-02T08:30:00Z"));
        assertThat(page.language()).isEqualTo("pl");
        assertThat(page.title()).isEqualTo("Rząd przyjął projekt ustawy");
    }

    @Test
    void shouldFindNothingInAPageWithoutText() {
        ExtractedPage page = extractor.extract("<html><body><nav><a href=/>Home</a></nav><img src=x.jpg></body></html>",
                URI.create("https://example.org/"));

        assertThat(page.contentHtml()).isEmpty();
        assertThat(page.textLength()).isZero();
        assertThat(page.canonicalUrl()).isNull();
    }

    @Test
    void shouldExtractReadabilityPagesWithMostGoldSentences() throws IOException {
        Path root = Corpus.require("articles/readability");
        List<Score> scores = new ArrayList<>();
        int metadataChecks = 0;
        int metadataAgreements = 0;
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.sorted().toList()) {
                if (!Files.exists(dir.resolve("source.html"))) {
                    continue;
                }
                ExtractedPage page = extractor.extract(Files.readString(dir.resolve("source.html")),
                        URI.create("https://example.com/" + dir.getFileName()));
                String gold = blocks(Files.readString(dir.resolve("expected.html")));
                scores.add(score(dir.getFileName().toString(), gold, page));
                JsonNode expected = Json.mapper().readTree(dir.resolve("expected-metadata.json").toFile());
                for (MetadataCheck check : metadataChecks(expected, page)) {
                    metadataChecks++;
                    if (check.agrees()) {
                        metadataAgreements++;
                    } else {
                        System.out.printf("  metadata %s %s: expected '%s', got '%s'%n", dir.getFileName(),
                                check.field(), check.expected(), check.actual());
                    }
                }
            }
        }
        report("readability", scores);
        System.out.printf("readability metadata: %d of %d fields agree%n", metadataAgreements, metadataChecks);

        assertThat(scores).hasSizeGreaterThanOrEqualTo(5);
        assertThat(meanRecall(scores)).isGreaterThan(0.9);
        assertThat(scores).allSatisfy(score -> assertThat(score.recall()).as(score.name()).isGreaterThan(0.7));
        assertThat((double) metadataAgreements / metadataChecks).isGreaterThan(0.7);
    }

    @Test
    void shouldExtractNewspaper4kPagesInManyLanguages() throws IOException {
        Path root = Corpus.require("articles/newspaper4k");
        List<Score> scores = new ArrayList<>();
        try (Stream<Path> files = Files.list(root.resolve("html"))) {
            for (Path html : files.sorted().toList()) {
                String name = html.getFileName().toString().replace(".html", "");
                Path gold = root.resolve("txt").resolve(name + ".txt");
                if (!Files.exists(gold)) {
                    continue;
                }
                ExtractedPage page = extractor.extract(Files.readAllBytes(html), null, URI.create("https://example.com/" + name));
                scores.add(score(name, Files.readString(gold), page));
            }
        }
        report("newspaper4k", scores);

        assertThat(scores).hasSizeGreaterThanOrEqualTo(5);
        assertThat(meanRecall(scores)).isGreaterThan(0.9);
    }

    @Test
    void shouldExtractEnglishNewsPagesOfAeb() throws IOException {
        Path root = Corpus.require("articles/en/aeb");
        List<Score> scores = new ArrayList<>();
        try (Stream<Path> files = Files.list(root.resolve("html"))) {
            for (Path html : files.sorted().toList()) {
                String name = html.getFileName().toString().replace(".html.gz", "");
                Path gold = root.resolve(name + ".txt");
                if (!Files.exists(gold)) {
                    continue;
                }
                byte[] page;
                try (InputStream in = new GZIPInputStream(Files.newInputStream(html))) {
                    page = in.readAllBytes();
                }
                scores.add(score(name, Files.readString(gold), extractor.extract(page, null, URI.create("https://example.com/"))));
            }
        }
        report("aeb", scores);

        assertThat(scores).hasSizeGreaterThanOrEqualTo(10);
        assertThat(meanRecall(scores)).isGreaterThan(0.95);
    }

    private record Score(String name, double recall, int goldChars, int extractedChars) {
    }

    private record MetadataCheck(String field, String expected, String actual, boolean agrees) {
    }

    private static Score score(String name, String gold, ExtractedPage page) {
        String extracted = blocks(page.contentHtml());
        return new Score(name, TextSimilarity.sentenceRecall(gold, extracted), gold.length(), extracted.length());
    }

    private static List<MetadataCheck> metadataChecks(JsonNode expected, ExtractedPage page) {
        List<MetadataCheck> checks = new ArrayList<>();
        String byline = text(expected, "byline");
        if (byline != null) {
            boolean agrees = page.byline() != null && (byline.toLowerCase(Locale.ROOT).contains(page.byline().toLowerCase(Locale.ROOT))
                    || page.byline().toLowerCase(Locale.ROOT).contains(byline.toLowerCase(Locale.ROOT)));
            checks.add(new MetadataCheck("byline", byline, page.byline(), agrees));
        }
        String siteName = text(expected, "siteName");
        if (siteName != null) {
            checks.add(new MetadataCheck("siteName", siteName, page.siteName(), siteName.equals(page.siteName())));
        }
        String lang = text(expected, "lang");
        if (lang != null) {
            checks.add(new MetadataCheck("lang", lang, page.language(), lang.equalsIgnoreCase(page.language())));
        }
        String published = text(expected, "publishedTime");
        if (published != null) {
            Instant instant = parse(published);
            checks.add(new MetadataCheck("publishedTime", published, String.valueOf(page.published()),
                    Objects.equals(instant, page.published())));
        }
        return checks;
    }

    private static Instant parse(String text) {
        return PageMetadata.parseInstant(text).orElseThrow();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    /** Text of HTML, one line per block element. */
    private static String blocks(String html) {
        var document = Jsoup.parse(html);
        document.outputSettings().prettyPrint(false);
        document.select("p, h1, h2, h3, h4, h5, h6, li, figcaption, blockquote, pre, div, br, tr")
                .forEach(element -> element.prependText("\n").appendText("\n"));
        return document.wholeText();
    }

    private static double meanRecall(List<Score> scores) {
        return scores.stream().mapToDouble(Score::recall).average().orElse(0);
    }

    private static void report(String corpus, List<Score> scores) {
        scores.forEach(score -> System.out.printf("  %-12s %-28s recall %.2f, gold %6d chars, extracted %6d chars%n",
                corpus, score.name(), score.recall(), score.goldChars(), score.extractedChars()));
        System.out.printf("%s: %d pages, mean sentence recall %.3f%n", corpus, scores.size(), meanRecall(scores));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = FullTextExtractorTest.class.getResourceAsStream(name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
