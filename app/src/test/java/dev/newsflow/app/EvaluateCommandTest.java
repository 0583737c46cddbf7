package dev.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.contract.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {

    private final LauncherRun launcher = new LauncherRun();

    @TempDir
    Path folder;

    @Test
    void shouldPrintPrecisionRecallAndF1PerLanguage() throws IOException {
        Path corpus = Files.createDirectories(folder.resolve("corpus"));
        Files.writeString(corpus.resolve("en.txt"), "The talks ended, according to Reuters.", StandardCharsets.UTF_8);
        Files.writeString(corpus.resolve("pl.txt"), "Rozmowy zakończono - podała agencja Bloomberga.",
                StandardCharsets.UTF_8);
        Path gold = Files.writeString(folder.resolve("gold.jsonl"), """
                {"file": "en.txt", "language": "en", "required": [{"name": "Reuters", "role": "cited"}, {"name": "AFP", "role": "cited"}], "optional": []}
                {"file": "pl.txt", "language": "pl", "required": [{"name": "Bloomberg", "role": "cited"}], "optional": []}
                """, StandardCharsets.UTF_8);

        assertThat(launcher.run("evaluate", gold.toString(), "--corpus", corpus.toString(), "--verbose"))
                .as(launcher.stderr()).isZero();

        assertThat(launcher.stdout()).contains("missed sources: AFP (cited)");
        List<String> rows = launcher.stdout().lines().filter(line -> line.matches("^(all|en|pl) .*")).toList();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1)).startsWith("en").contains("P 1.00  R 0.50  F1 0.67");
        assertThat(rows.get(2)).startsWith("pl").contains("P 1.00  R 1.00  F1 1.00");

        assertThat(launcher.run("evaluate", gold.toString(), "--corpus", corpus.toString(), "--json")).isZero();
        List<String> lines = launcher.stdout().lines().toList();
        JsonNode totals = Json.read(lines.get(lines.size() - 1), JsonNode.class).get("totals");
        assertThat(totals.get("all").get("sources").get("requiredFound").asInt()).isEqualTo(2);
        assertThat(totals.get("all").get("sources").get("required").asInt()).isEqualTo(3);
    }

    @Test
    void shouldExplainAMissingCorpusAndABrokenGoldFile() throws IOException {
        Path gold = Files.writeString(folder.resolve("gold.jsonl"),
                "{\"file\": \"x.txt\", \"language\": \"en\", \"required\": []}\n", StandardCharsets.UTF_8);
        assertThat(launcher.run("evaluate", gold.toString(), "--corpus", folder.resolve("nowhere").toString()))
                .isEqualTo(Newsflow.USAGE);
        assertThat(launcher.stderr()).contains("corpus folder", "--corpus");

        Path broken = Files.writeString(folder.resolve("broken.jsonl"), "{not json\n", StandardCharsets.UTF_8);
        assertThat(launcher.run("evaluate", broken.toString())).isEqualTo(Newsflow.USAGE);
        assertThat(launcher.stderr()).contains("broken.jsonl:1");
    }
}
