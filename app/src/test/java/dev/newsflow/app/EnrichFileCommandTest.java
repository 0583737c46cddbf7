package dev.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.Json;
import dev.newsflow.contract.SourceRole;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrichFileCommandTest {

    private final LauncherRun launcher = new LauncherRun();

    @TempDir
    Path folder;

    @Test
    void shouldPrintOneJsonLinePerFileForTextAndHtml() throws IOException {
        Path text = write("kolej.txt", "Rosja wznowiła handel koleją\n\nRosja i Korea Północna wznowiły handel "
                + "przez połączenie kolejowe - informuje we wtorek agencja Bloomberga.");
        Path html = write("page.html", "<html><head><title>Talks end</title></head><body><p>The talks in Warsaw "
                + "ended on Monday, according to Reuters.</p><figure><figcaption>Photo: EPA</figcaption></figure>"
                + "</body></html>");

        assertThat(launcher.run("enrich-file", "--json", text.toString(), html.toString())).isZero();

        List<EnrichedArticle> articles = launcher.stdout().lines().map(line -> Json.read(line, EnrichedArticle.class))
                .toList();
        assertThat(articles).hasSize(2);
        assertThat(articles.get(0).title()).isEqualTo("Rosja wznowiła handel koleją");
        assertThat(articles.get(0).language()).isEqualTo("pl");
        assertThat(articles.get(0).sources()).anySatisfy(source -> {
            assertThat(source.name()).isEqualTo("Bloomberg");
            assertThat(source.role()).isEqualTo(SourceRole.CITED);
        });
        assertThat(articles.get(1).title()).isEqualTo("Talks end");
        assertThat(articles.get(1).sources()).extracting(source -> source.name() + "/" + source.role())
                .contains("Reuters/CITED", "EPA/PHOTO");
        assertThat(articles.get(1).tags()).anySatisfy(tag -> assertThat(tag.label()).isEqualTo("Warsaw"));
    }

    @Test
    void shouldPrintReadableBlocksByDefault() throws IOException {
        Path text = write("a.txt", "According to Reuters, the talks ended.");
        assertThat(launcher.run("enrich-file", text.toString())).isZero();
        assertThat(launcher.stdout()).contains("sources", "Reuters — news agency, cited", "“According to Reuters”");
    }

    @Test
    void shouldReportAMissingFileAndGoOnWithTheOthers() throws IOException {
        Path text = write("b.txt", "According to Reuters, the talks ended.");
        int exit = launcher.run("enrich-file", "--json", folder.resolve("missing.txt").toString(), text.toString());
        assertThat(exit).isEqualTo(Newsflow.FAILED);
        assertThat(launcher.stderr()).contains("cannot read", "missing.txt");
        assertThat(launcher.stdout().lines()).hasSize(1);
    }

    @Test
    void shouldExtendTheKnowledgeBaseWithTheUsersFile() throws IOException {
        Path kb = write("kb.yaml", """
                entities:
                  - {id: "newsflow:kurier-zachodni", type: organization, label: Kurier Zachodni,
                     names: {pl: [Kurier Zachodni]}, source: {kind: newspaper}}
                """);
        Path text = write("c.txt", "Jak podaje Kurier Zachodni, most zostanie otwarty w maju.");
        assertThat(launcher.run("enrich-file", "--json", "--knowledge-base", kb.toString(), text.toString()))
                .as(launcher.stderr()).isZero();
        EnrichedArticle article = Json.read(launcher.stdout().strip(), EnrichedArticle.class);
        assertThat(article.sources()).anySatisfy(source -> assertThat(source.id())
                .isEqualTo("newsflow:kurier-zachodni"));
    }

    @Test
    void shouldRefuseNoFilesAnUnknownOptionAndABrokenKnowledgeBase() throws IOException {
        assertThat(launcher.run("enrich-file")).isEqualTo(Newsflow.USAGE);
        assertThat(launcher.run("enrich-file", "--colour", "x.txt")).isEqualTo(Newsflow.USAGE);
        assertThat(launcher.stderr()).contains("unknown option --colour");
        Path broken = write("broken.yaml", "entities:\n  - {id: Q1, type: galaxy}\n");
        assertThat(launcher.run("enrich-file", "--knowledge-base", broken.toString(), "x.txt"))
                .isEqualTo(Newsflow.USAGE);
        assertThat(launcher.stderr()).contains("broken.yaml");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8);
    }
}
