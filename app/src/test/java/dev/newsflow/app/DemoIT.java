package dev.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the README promises: {@code newsflow demo --once --json} exits 0 and prints the enriched sample articles. */
class DemoIT {

    @Test
    void shouldDeliverEverySampleArticleAndPrintOneJsonLineEach() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exitCode = Newsflow.run(new String[] {"demo", "--once", "--json", "--timeout", "2m"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exitCode).as("exit code; stderr:%n%s", err.toString(StandardCharsets.UTF_8)).isZero();
        List<EnrichedArticle> articles = out.toString(StandardCharsets.UTF_8).lines()
                .map(line -> Json.read(line, EnrichedArticle.class)).toList();
        assertThat(articles).hasSize(4).extracting(EnrichedArticle::language)
                .containsExactlyInAnyOrder("pl", "pl", "en", "en");
        SeedGold gold = SeedGold.load();
        gold.assertMatches(articles.stream().filter(article -> article.title().equals(gold.title())).findFirst()
                .orElseThrow());
    }
}
