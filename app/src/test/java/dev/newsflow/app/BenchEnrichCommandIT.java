package dev.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The enrich benchmark harness runs end to end on its own embedded broker and checks exactly-once as it goes. */
class BenchEnrichCommandIT {

    private final LauncherRun launcher = new LauncherRun();

    @Test
    void shouldReportThroughputAndFindEachArticleExactlyOnce() {
        int exit = launcher.run("bench-enrich", "--articles", "300", "--threads", "2", "--latency", "2s",
                "--rate", "50");

        assertThat(exit).as(launcher.stderr()).isZero();
        Map<String, String> figures = Arrays.stream(launcher.stdout().split("\n"))
                .filter(line -> line.contains("="))
                .collect(Collectors.toMap(line -> line.substring(0, line.indexOf('=')),
                        line -> line.substring(line.indexOf('=') + 1)));
        assertThat(figures).containsEntry("articles", "300").containsEntry("verify.distinctArticles", "300")
                .containsEntry("verify.duplicates", "0").containsEntry("enrich.deadLettered", "0");
        assertThat(Double.parseDouble(figures.get("enrich.articlesPerSecond"))).isPositive();
        assertThat(figures.get("enrich.secondHalf.articlesPerSecond")).matches("n/a|[0-9.]+");
        assertThat(Double.parseDouble(figures.get("latency.sendToCommittedMs.p99")))
                .isGreaterThanOrEqualTo(Double.parseDouble(figures.get("latency.sendToCommittedMs.p50")))
                .isPositive();
        assertThat(launcher.stderr()).contains("enriched", "verifying");
    }

    @Test
    void shouldSendTheCorpusArticlesInTurnWhenGivenADirectory(@TempDir Path corpus) throws IOException {
        Files.writeString(corpus.resolve("one.txt"), "Markets steady in London\n\nLONDON (Reuters) - British shares "
                + "were steady on Tuesday, traders said.\n");
        Files.createDirectories(corpus.resolve("pl"));
        Files.writeString(corpus.resolve("pl/two.txt"), "Rząd przyjął projekt\n\nRada Ministrów przyjęła w "
                + "czwartek projekt ustawy, poinformowała PAP.\n");
        Files.writeString(corpus.resolve("notes.md"), "not an article");

        int exit = launcher.run("bench-enrich", "--articles", "100", "--latency", "0s", "--corpus",
                corpus.toString());

        assertThat(exit).as(launcher.stderr()).isZero();
        assertThat(launcher.stdout()).contains("articleSource=2 given articles in turn", "verify.distinctArticles=100",
                "verify.duplicates=0", "enrich.deadLettered=0");
    }

    @Test
    void shouldRefuseACorpusWithoutArticles(@TempDir Path empty) {
        assertThat(launcher.run("bench-enrich", "--corpus", empty.toString())).isEqualTo(Newsflow.USAGE);
        assertThat(launcher.stderr()).contains("no .txt article under");
    }

    @Test
    void shouldRefuseAnUnknownOption() {
        assertThat(launcher.run("bench-enrich", "--speed", "fast")).isEqualTo(Newsflow.USAGE);
        assertThat(launcher.stderr()).contains("unknown option --speed");
    }
}
