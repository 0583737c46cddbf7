package dev.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the README promises: {@code newsflow demo --once --json} exits 0 and prints the enriched sample articles. */
class DemoIT {

    @Test
    void shouldDeliverEverySampleArticleAndPrintOneJsonLineEach() throws Exception {
        LauncherRun launcher = new LauncherRun();

        int exitCode = launcher.run("demo", "--once", "--json", "--timeout", "2m");

        assertThat(exitCode).as("exit code; stderr:%n%s", launcher.stderr()).isZero();
        List<EnrichedArticle> articles = launcher.stdout().lines()
                .map(line -> Json.read(line, EnrichedArticle.class)).toList();
        assertThat(articles).hasSize(4).extracting(EnrichedArticle::language)
                .containsExactlyInAnyOrder("pl", "pl", "en", "en");
        SeedGold gold = SeedGold.load();
        gold.assertMatches(articles.stream().filter(article -> article.title().equals(gold.title())).findFirst()
                .orElseThrow());
    }
}
