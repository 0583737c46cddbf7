package dev.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.Json;
import dev.newsflow.contract.RawArticle;
import dev.newsflow.contract.Tag;
import dev.newsflow.contract.TagType;
import dev.newsflow.contract.Topics;
import dev.newsflow.kafka.KafkaBroker;
import dev.newsflow.kafka.WithKafka;
import dev.newsflow.support.kafka.TopicCreator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code newsflow tail} against a real broker: committed articles that pass the filter, printed as they come. */
@WithKafka
class TailCommandIT {

    @TempDir
    Path directory;

    private final LauncherRun launcher = new LauncherRun();

    @Test
    void shouldPrintOnlyTheArticlesThatPassTheFilter(KafkaBroker kafka) throws IOException {
        Map<String, Object> client = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        TopicCreator.ensureTopics(client, List.of(Topics.ENRICHED_ARTICLES), 0, 1);
        String marker = KafkaBroker.uniqueName("tail");
        try (KafkaProducer<String, EnrichedArticle> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                Topics.ENRICHED_ARTICLES.keySerde().serializer(), Topics.ENRICHED_ARTICLES.valueSerde().serializer())) {
            for (EnrichedArticle article : List.of(article(marker + "-a", "Q159", "pl"),
                    article(marker + "-b", "Q30", "en"), article(marker + "-c", "Q159", "en"))) {
                producer.send(new ProducerRecord<>(Topics.ENRICHED_ARTICLES.name(), article.id(), article));
            }
        }
        Path config = Files.writeString(directory.resolve("tail.yaml"),
                "kafka.bootstrap.servers: " + kafka.bootstrapServers() + "\n");

        int exit = launcher.run("tail", "--from-beginning", "--tag", "Q159", "--language", "en", "--json",
                "--timeout", "60s", "--max", "1", "--config", config.toString());

        assertThat(exit).as(launcher.stderr()).isZero();
        List<EnrichedArticle> printed = launcher.stdout().lines()
                .map(line -> Json.read(line, EnrichedArticle.class)).toList();
        assertThat(printed).extracting(EnrichedArticle::title).containsExactly(marker + "-c");
        assertThat(launcher.stderr()).contains("1 article(s)");
    }

    @Test
    void shouldRefuseAnUnknownOptionAndABadMax() {
        assertThat(launcher.run("tail", "--colour", "red")).isEqualTo(Newsflow.USAGE);
        assertThat(launcher.run("tail", "--max", "zero")).isEqualTo(Newsflow.USAGE);
        assertThat(launcher.stderr()).contains("--max needs a positive number");
    }

    private static EnrichedArticle article(String title, String tagId, String language) {
        String id = Integer.toHexString(title.hashCode()) + "0000000000000000";
        RawArticle raw = RawArticle.builder().id(id.substring(0, 24)).feedId("tail-it").title(title)
                .content("text").fetched(Instant.now()).build();
        return EnrichedArticle.of(raw, language, "text", "", List.of(new Tag(tagId, tagId, TagType.PLACE, 1, 0.9,
                List.of())), List.of(), Instant.now());
    }
}
