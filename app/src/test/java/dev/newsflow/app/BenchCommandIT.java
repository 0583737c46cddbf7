package dev.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code newsflow bench} runs every phase on its own brokers, small, and its figures hold together. */
class BenchCommandIT {

    private final LauncherRun launcher = new LauncherRun();

    @Test
    void shouldMeasureEveryPhaseAndDeliverEveryTimedItem() {
        int exit = launcher.run("bench", "--articles", "200", "--rate", "5", "--feeds", "2", "--duration", "6s",
                "--poll", "500ms");

        assertThat(exit).as(launcher.stderr()).isZero();
        Map<String, String> figures = Arrays.stream(launcher.stdout().split("\n")).filter(line -> line.contains("="))
                .collect(Collectors.toMap(line -> line.substring(0, line.indexOf('=')),
                        line -> line.substring(line.indexOf('=') + 1)));
        assertThat(Double.parseDouble(figures.get("parse.articlesPerSecondPerCore"))).isPositive();
        assertThat(Double.parseDouble(figures.get("ceiling.transactionalCopy.articlesPerSecond"))).isPositive();
        assertThat(figures).containsEntry("verify.distinctArticles", "200").containsEntry("verify.duplicates", "0");
        assertThat(Double.parseDouble(figures.get("enrich.shareOfCeiling"))).isPositive();
        assertThat(Integer.parseInt(figures.get("e2e.timed"))).isPositive();
        assertThat(figures.get("e2e.timedDelivered")).isEqualTo(figures.get("e2e.timed"));
        assertThat(Double.parseDouble(figures.get("e2e.latencyMs.p99")))
                .isGreaterThanOrEqualTo(Double.parseDouble(figures.get("e2e.latencyMs.p50")));
        assertThat(launcher.stderr()).contains("[1/3]", "[2/3]", "[3/3]");
    }

    @Test
    void shouldRefuseBadOptions() {
        assertThat(launcher.run("bench", "--rate", "fast")).isEqualTo(Newsflow.USAGE);
        assertThat(launcher.run("bench", "--rate", "0")).isEqualTo(Newsflow.USAGE);
        assertThat(launcher.run("bench", "--speed", "1")).isEqualTo(Newsflow.USAGE);
    }
}
