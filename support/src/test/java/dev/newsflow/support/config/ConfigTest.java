package dev.newsflow.support.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {

    private static final Setting<String> SERVERS = Setting.string("kafka.bootstrap.servers", "brokers")
            .withDefault("localhost:9092");
    private static final Setting<Integer> THREADS = Setting.integer("ingest.threads", "fetch threads")
            .withDefault(4).validatedBy(Validators.between(1, 64));
    private static final Setting<Duration> TIMEOUT = Setting.duration("ingest.timeout", "fetch timeout")
            .withDefault(Duration.ofSeconds(10));
    private static final Setting<Path> FEEDS = Setting.path("ingest.feeds", "feed list");
    private static final Setting<String> SECRET = Setting.string("publish.secret", "signing secret")
            .optionalWithoutDefault().masked();
    private static final List<Setting<?>> ALL = List.of(SERVERS, THREADS, TIMEOUT, FEEDS, SECRET);

    @TempDir
    Path directory;

    @Test
    void shouldReadNestedYamlAsDottedNames() throws IOException {
        Path file = write("""
                ingest:
                  threads: 8
                  timeout: 500ms
                  feeds: feeds.yaml
                """);

        Config config = Config.load(ALL, List.of("kafka."), Optional.of(file), Map.of());

        assertThat(config.get(THREADS)).isEqualTo(8);
        assertThat(config.get(TIMEOUT)).isEqualTo(Duration.ofMillis(500));
        assertThat(config.get(FEEDS)).isEqualTo(Path.of("feeds.yaml"));
        assertThat(config.get(SERVERS)).isEqualTo("localhost:9092");
        assertThat(config.find(SECRET)).isEmpty();
    }

    @Test
    void shouldLetEnvironmentOverrideTheFile() throws IOException {
        Path file = write("ingest: {threads: 8, feeds: a.yaml}\n");

        Config config = Config.load(ALL, List.of("kafka."), Optional.of(file),
                Map.of("NEWSFLOW_INGEST_THREADS", "2", "NEWSFLOW_INGEST_TIMEOUT", "PT1M"));

        assertThat(config.get(THREADS)).isEqualTo(2);
        assertThat(config.get(TIMEOUT)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void shouldReportEveryProblemAtOnce() throws IOException {
        Path file = write("""
                ingest:
                  threads: 500
                  timeout: soon
                  colour: blue
                """);

        assertThatThrownBy(() -> Config.load(ALL, List.of("kafka."), Optional.of(file), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .hasSize(4)
                        .anySatisfy(problem -> assertThat(problem).contains("ingest.threads", "between 1 and 64"))
                        .anySatisfy(problem -> assertThat(problem).contains("ingest.timeout", "soon"))
                        .anySatisfy(problem -> assertThat(problem).contains("unknown setting 'ingest.colour'"))
                        .anySatisfy(problem -> assertThat(problem).contains("ingest.feeds is required",
                                "NEWSFLOW_INGEST_FEEDS")));
    }

    @Test
    void shouldPassUndeclaredKafkaSettingsThroughAndMaskSecrets() throws IOException {
        Path file = write("""
                kafka:
                  bootstrap.servers: broker:9093
                  security.protocol: SASL_SSL
                  sasl.jaas.config: secret-login
                ingest.feeds: f.yaml
                publish.secret: whsec_abc
                """);

        Config config = Config.load(ALL, List.of("kafka."), Optional.of(file),
                Map.of("NEWSFLOW_KAFKA_SASL_MECHANISM", "PLAIN"));

        assertThat(config.get(SERVERS)).isEqualTo("broker:9093");
        assertThat(config.passThrough("kafka.")).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN")
                .doesNotContainKey("bootstrap.servers");
        assertThat(config.describe()).contains("kafka.security.protocol = SASL_SSL")
                .contains("publish.secret = ******").contains("kafka.sasl.jaas.config = ******")
                .doesNotContain("whsec_abc").doesNotContain("secret-login");
    }

    @Test
    void shouldReportAMissingConfigFile() {
        assertThatThrownBy(() -> Config.load(ALL, List.of(), Optional.of(directory.resolve("absent.yaml")),
                Map.of("NEWSFLOW_INGEST_FEEDS", "x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("absent.yaml does not exist");
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(directory.resolve("newsflow.yaml"), yaml);
    }
}
