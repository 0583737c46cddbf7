package dev.newsflow.enrich.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.newsflow.enrich.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FunctionWordsTest {

    private static final LanguageDetector DETECTOR = LanguageDetector.of(LanguageDetector.DEFAULT_LANGUAGES, true,
            false);
    private static final FunctionWords WORDS = FunctionWords.forLanguages(LanguageDetector.DEFAULT_LANGUAGES)
            .orElseThrow();

    @Test
    void shouldNameTheLanguageOfPlainProse() {
        assertThat(WORDS.clearLanguage("Rosja i Korea Północna wznowiły handel kolejowy, który był zawieszony od "
                + "czasu pandemii - informuje agencja Bloomberga. Jak zaznacza, jest to także sygnał dla Zachodu."))
                .contains("pl");
        assertThat(WORDS.clearLanguage("The ministry said on Tuesday that the talks with the union were over and "
                + "that it would not raise its offer, according to a statement published by the agency."))
                .contains("en");
        assertThat(WORDS.clearLanguage("Die Regierung hat am Dienstag mitgeteilt, dass die Gespräche mit der "
                + "Gewerkschaft beendet sind und sie das Angebot nicht erhöhen wird, wie die Agentur berichtet."))
                .contains("de");
    }

    @Test
    void shouldLeaveShortMixedAndNameOnlyTextToTheModel() {
        assertThat(WORDS.clearLanguage("Bloomberg, Reuters, PAP")).isEmpty();
        assertThat(WORDS.clearLanguage("Wywiad USA: Putin kupuje broń")).isEmpty();
        assertThat(WORDS.clearLanguage("„We will not give up” – powiedział premier, a the agency said że nie"))
                .isEmpty();
    }

    @Test
    void shouldStepAsideWhenAConfiguredLanguageHasNoWordList() {
        assertThat(FunctionWords.forLanguages(Set.of("pl", "en", "nl"))).isEmpty();
    }

    @Test
    void shouldOnlyAnswerWhereTheModelGivesTheSameAnswerOnEveryCorpusText() throws IOException {
        List<String> texts = corpusTexts();
        int answered = 0;
        int articleLength = 0;
        int answeredLong = 0;
        for (String text : texts) {
            boolean isLong = text.length() >= LanguageDetector.MAX_SAMPLE_CHARS;
            articleLength += isLong ? 1 : 0;
            Optional<String> fast = WORDS.clearLanguage(text.substring(0, Math.min(text.length(),
                    LanguageDetector.MAX_SAMPLE_CHARS)));
            if (fast.isPresent()) {
                answered++;
                answeredLong += isLong ? 1 : 0;
                assertThat(DETECTOR.detectByModel(text, null).code()).as(text.substring(0, Math.min(80,
                        text.length()))).isEqualTo(fast.get());
            }
        }
        assertThat(answered).as("texts decided by function words").isPositive();
        assertThat(answeredLong).as("article-length texts decided by function words, of %d", articleLength)
                .isGreaterThan(articleLength / 2);
    }

    private static List<String> corpusTexts() throws IOException {
        Path articles = SharedData.corpus().resolve("articles");
        assumeTrue(Files.isDirectory(articles), "corpus " + articles + " absent: corpus test skipped");
        List<String> texts = new ArrayList<>();
        for (String folder : List.of("en/aeb", "newspaper4k/txt")) {
            try (Stream<Path> files = Files.list(articles.resolve(folder))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                    texts.add(Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        }
        for (String line : Files.readAllLines(articles.resolve("pl/ud-pud/pl_pud_news_sentences.tsv"),
                StandardCharsets.UTF_8)) {
            String[] columns = line.split("\t");
            texts.add(columns[columns.length - 1]);
        }
        Path readability = articles.resolve("readability");
        try (Stream<Path> pages = Files.walk(readability)) {
            for (Path page : pages.filter(f -> f.getFileName().toString().equals("expected.html")).sorted().toList()) {
                texts.add(org.jsoup.Jsoup.parse(Files.readString(page, StandardCharsets.UTF_8)).text());
            }
        }
        return texts;
    }
}
