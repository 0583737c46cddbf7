package dev.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

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
    void shouldRefuseAnUnknownOption() {
        assertThat(launcher.run("bench-enrich", "--speed", "fast")).isEqualTo(Newsflow.USAGE);
        assertThat(launcher.stderr()).contains("unknown option --speed");
    }
}
