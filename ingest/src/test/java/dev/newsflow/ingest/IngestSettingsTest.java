package dev.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.ingest.fulltext.FullTextMode;
import dev.newsflow.support.config.Config;
import dev.newsflow.support.config.ConfigException;
import dev.newsflow.support.kafka.KafkaSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestSettingsTest {

    @TempDir
    Path directory;

    @Test
    void shouldApplyDefaultsWhenOnlyTheFeedListIsGiven() throws IOException {
        Path config = Files.writeString(directory.resolve("newsflow.yaml"), "ingest.feeds-file: feeds.yaml\n");

        IngestSettings settings = load(config, Map.of());

        assertThat(settings.feedsFile()).isEqualTo(Path.of("feeds.yaml"));
        assertThat(settings.pollInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.fetchLimits().connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.fetchLimits().totalTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.fetchLimits().maxBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(settings.fetchLimits().maxRedirects()).isEqualTo(5);
        assertThat(settings.fetchLimits().userAgent()).isEqualTo("newsflow/0.1 (+https://github.com/newsflow/newsflow)");
        assertThat(settings.fetchLimits().allowPrivateAddresses()).isFalse();
        assertThat(settings.fullText()).isEqualTo(FullTextMode.AUTO);
        assertThat(settings.fullTextMinChars()).isEqualTo(1200);
        assertThat(settings.transactionalId()).isEqualTo("newsflow-ingest-" + IngestSettings.hostName());
        assertThat(settings.groupId()).isEqualTo("newsflow-ingest");
        assertThat(settings.sessionTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.kafkaClient()).containsEntry("bootstrap.servers", "localhost:9092");
    }

    @Test
    void shouldReadNestedYamlAndEnvironmentOverrides() throws IOException {
        Path config = Files.writeString(directory.resolve("newsflow.yaml"), """
                ingest:
                  feeds-file: feeds.yaml
                  poll-interval: 90s
                  full-text: never
                  full-text.min-chars: 500
                  fetch:
                    max-bytes: 512KB
                    max-redirects: 2
                    allow-private-addresses: true
                    trusted-hosts: [feeds.intranet.example, 10.0.0.8]
                kafka:
                  bootstrap.servers: broker:9093
                """);

        IngestSettings settings = load(config, Map.of("NEWSFLOW_INGEST_INSTANCE_ID", "eu-1",
                "NEWSFLOW_INGEST_FULL_TEXT", "ALWAYS"));

        assertThat(settings.pollInterval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(settings.fullText()).isEqualTo(FullTextMode.ALWAYS);
        assertThat(settings.fullTextMinChars()).isEqualTo(500);
        assertThat(settings.fetchLimits().maxBytes()).isEqualTo(512 * 1024);
        assertThat(settings.fetchLimits().maxRedirects()).isEqualTo(2);
        assertThat(settings.fetchLimits().allowPrivateAddresses()).isTrue();
        assertThat(settings.fetchLimits().trustedHosts()).containsExactly("feeds.intranet.example", "10.0.0.8");
        assertThat(settings.transactionalId()).isEqualTo("newsflow-ingest-eu-1");
        assertThat(settings.kafkaClient()).containsEntry("bootstrap.servers", "broker:9093");
    }

    @Test
    void shouldReportEveryBadSettingAtOnce() throws IOException {
        Path config = Files.writeString(directory.resolve("newsflow.yaml"), """
                ingest:
                  poll-interval: often
                  full-text: sometimes
                  fetch.max-bytes: lots
                  fetch.max-redirects: 100
                  fetch.allow-private-addresses: maybe
                  fetch.trusted-hosts: ["https://feeds.intranet.example/rss"]
                  instance-id: "a b"
                """);

        assertThatThrownBy(() -> load(config, Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .hasSize(7)
                        .anySatisfy(p -> assertThat(p).contains("ingest.fetch.allow-private-addresses", "maybe"))
                        .anySatisfy(p -> assertThat(p).contains("ingest.fetch.trusted-hosts",
                                "without scheme, port or path", "https://feeds.intranet.example/rss"))
                        .anySatisfy(p -> assertThat(p).contains("ingest.poll-interval", "often"))
                        .anySatisfy(p -> assertThat(p).contains("ingest.full-text", "auto | always | never"))
                        .anySatisfy(p -> assertThat(p).contains("ingest.fetch.max-bytes", "10MB"))
                        .anySatisfy(p -> assertThat(p).contains("ingest.fetch.max-redirects", "between 0 and 20"))
                        .anySatisfy(p -> assertThat(p).contains("ingest.instance-id")));
    }

    @Test
    void shouldDeclareKafkaSettingsToo() {
        assertThat(IngestService.settings()).containsAll(KafkaSettings.all())
                .extracting(setting -> setting.name())
                .contains("ingest.feeds-file", "ingest.poll-interval", "ingest.full-text", "ingest.full-text.min-chars",
                        "ingest.fetch.allow-private-addresses")
                .doesNotHaveDuplicates();
        assertThat(IngestService.settings()).allSatisfy(setting -> assertThat(setting.doc()).isNotBlank());
    }

    @Test
    void shouldDefaultTheInstanceIdToAValidHostNameSoSeveralInstancesDoNotFenceEachOther() {
        assertThat(IngestSettings.hostName()).matches("[A-Za-z0-9._-]{1,100}");
        assertThat(IngestSettings.INSTANCE_ID.doc()).contains("host name").doesNotContain("Run ONE");
    }

    private static IngestSettings load(Path config, Map<String, String> environment) {
        return IngestSettings.from(Config.load(IngestService.settings(), List.of(KafkaSettings.PASS_THROUGH_PREFIX),
                Optional.of(config), environment));
    }
}
