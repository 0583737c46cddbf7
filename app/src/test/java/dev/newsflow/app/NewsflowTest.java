package dev.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewsflowTest {

    private final LauncherRun launcher = new LauncherRun();

    @TempDir
    Path directory;

    @Test
    void shouldReadValueOptionsInOrderAndReportAMissingRefusedOrUnknownOneAsAUsageError() {
        Newsflow.ValueOption<Integer> sum = (current, option, value) ->
                option.equals("--add") ? current + Integer.parseInt(value) : null;

        assertThat(Newsflow.valueOptions(List.of("--add", "2", "--add", "40"), 0, "sum", sum)).isEqualTo(42);
        assertThatThrownBy(() -> Newsflow.valueOptions(List.of("--add"), 0, "sum", sum))
                .isInstanceOf(Newsflow.UsageException.class).hasMessage("--add needs a value; usage: newsflow sum");
        assertThatThrownBy(() -> Newsflow.valueOptions(List.of("--add", "two"), 0, "sum", sum))
                .isInstanceOf(Newsflow.UsageException.class).hasMessageStartingWith("--add two: ");
        assertThatThrownBy(() -> Newsflow.valueOptions(List.of("--sub", "1"), 0, "sum", sum))
                .isInstanceOf(Newsflow.UsageException.class).hasMessage("unknown option --sub; usage: newsflow sum");
    }

    @Test
    void shouldPrintUsageForHelp() {
        assertThat(run("help")).isEqualTo(Newsflow.OK);
        assertThat(stdout()).contains("demo [--once] [--json]", "ingest", "enrich", "publish");
    }

    @Test
    void shouldRejectUnknownCommandsAndOptionsWithExitCodeTwo() {
        assertThat(run("frobnicate")).isEqualTo(Newsflow.USAGE);
        assertThat(stderr()).contains("unknown command 'frobnicate'");
        assertThat(run("demo", "--loud")).isEqualTo(Newsflow.USAGE);
        assertThat(stderr()).contains("unknown option(s) --loud");
        assertThat(run("demo", "--timeout", "soon")).isEqualTo(Newsflow.USAGE);
    }

    @Test
    void shouldReportEveryConfigurationProblemAtOnce() throws Exception {
        Path config = Files.writeString(directory.resolve("enrich.yaml"), """
                enrich:
                  max-poll-records: 0
                  languages: []
                  colour: blue
                """);

        assertThat(run("enrich", "--config", config.toString())).isEqualTo(Newsflow.USAGE);

        assertThat(stderr()).contains("3 problems", "enrich.max-poll-records", "enrich.languages",
                "unknown setting 'enrich.colour'");
    }

    @Test
    void shouldPrintTheEffectiveConfigurationWithSecretsMasked() throws Exception {
        Path config = Files.writeString(directory.resolve("publish.yaml"), """
                kafka:
                  bootstrap.servers: broker:9092
                  sasl.jaas.config: "org.apache.kafka.common.security.plain.PlainLoginModule required password=hunter2;"
                publish:
                  subscriptions:
                    - id: search-index
                      url: https://hooks.example.com/articles
                      secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
                """);

        assertThat(run("publish", "--config", config.toString(), "--print-config")).isEqualTo(Newsflow.OK);

        assertThat(stdout()).contains("kafka.bootstrap.servers = broker:9092", "search-index")
                .doesNotContain("hunter2").doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    }

    @Test
    void shouldImportAnOpmlExportAsAFeedList() throws Exception {
        Path opml = Files.writeString(directory.resolve("subscriptions.opml"), """
                <opml version="1.0"><body>
                  <outline text="News"><outline type="rss" text="Example Wire" xmlUrl="https://wire.example.com/rss"/></outline>
                  <outline type="rss" text="Broken" xmlUrl="ftp://example.com/feed"/>
                </body></opml>
                """);

        assertThat(run("feeds", "import", opml.toString(), "--yaml")).isEqualTo(Newsflow.OK);

        assertThat(stdout()).contains("feeds:", "id: example-wire", "url: https://wire.example.com/rss");
        assertThat(stderr()).contains("skipped outline 'Broken'", "1 feeds imported, 1 skipped");
    }

    @Test
    void shouldFailWithOneLineForAFileThatIsNotOpml() throws Exception {
        Path rss = Files.writeString(directory.resolve("feed.xml"), "<rss version=\"2.0\"><channel/></rss>");

        assertThat(run("feeds", "import", rss.toString(), "--yaml")).isEqualTo(Newsflow.FAILED);
        assertThat(stderr().strip()).endsWith("not OPML: the root element is not <opml>").doesNotContain("\n");
        assertThat(run("feeds", "import", directory.resolve("missing.opml").toString(), "--yaml"))
                .isEqualTo(Newsflow.FAILED);
        assertThat(run("feeds", "export")).isEqualTo(Newsflow.USAGE);
    }

    private int run(String... args) {
        return launcher.run(args);
    }

    private String stdout() {
        return launcher.stdout();
    }

    private String stderr() {
        return launcher.stderr();
    }
}
