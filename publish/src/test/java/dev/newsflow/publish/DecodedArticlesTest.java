package dev.newsflow.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.Json;
import dev.newsflow.contract.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class DecodedArticlesTest {

    private static final String TOPIC = Topics.ENRICHED_ARTICLES.name();

    @Test
    void shouldDecodeARecordOnceForEveryWorkerThatReadsIt() {
        DecodedArticles decoded = new DecodedArticles(16);
        EnrichedArticle article = TestArticles.article("a1");
        byte[] value = Json.writeBytes(article);

        // each worker's consumer hands out its own copy of the value
        EnrichedArticle first = decoded.decode(record(0, 7, value.clone()));
        EnrichedArticle second = decoded.decode(record(0, 7, value.clone()));

        assertThat(first).isEqualTo(article);
        assertThat(second).isSameAs(first);
        assertThat(decoded.misses()).isEqualTo(1);
        assertThat(decoded.hits()).isEqualTo(1);
    }

    @Test
    void shouldNeverServeAnotherRecordsArticleForTheSameCoordinates() {
        DecodedArticles decoded = new DecodedArticles(16);
        decoded.decode(record(0, 7, Json.writeBytes(TestArticles.article("before"))));

        // the topic was recreated: same partition and offset, another record
        EnrichedArticle after = decoded.decode(record(0, 7, Json.writeBytes(TestArticles.article("after"))));
        EnrichedArticle otherPartition = decoded.decode(record(1, 7, Json.writeBytes(TestArticles.article("p1"))));

        assertThat(after.id()).isEqualTo("after");
        assertThat(otherPartition.id()).isEqualTo("p1");
        assertThat(decoded.hits()).isZero();
    }

    @Test
    void shouldDecodeAgainForAWorkerFurtherBehindThanTheTableHolds() {
        DecodedArticles decoded = new DecodedArticles(4);
        byte[] oldest = Json.writeBytes(TestArticles.article("a0"));
        decoded.decode(record(0, 0, oldest));
        for (int offset = 1; offset <= 4; offset++) {
            decoded.decode(record(0, offset, Json.writeBytes(TestArticles.article("a" + offset))));
        }

        assertThat(decoded.decode(record(0, 0, oldest)).id()).isEqualTo("a0");
        assertThat(decoded.decode(record(0, 3, Json.writeBytes(TestArticles.article("a3")))).id()).isEqualTo("a3");
        assertThat(decoded.misses()).isEqualTo(6);
        assertThat(decoded.hits()).isEqualTo(1);
    }

    @Test
    void shouldReportAnUndecodableRecordToEveryWorkerThatReadsIt() {
        DecodedArticles decoded = new DecodedArticles(16);
        byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> decoded.decode(record(0, 3, garbage))).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> decoded.decode(record(0, 3, garbage))).isInstanceOf(SerializationException.class);
        assertThat(decoded.hits()).isZero();
    }

    @Test
    void shouldDecodeEveryTimeWithoutATable() {
        DecodedArticles decoded = new DecodedArticles(0);
        byte[] value = Json.writeBytes(TestArticles.article("a1"));

        EnrichedArticle first = decoded.decode(record(0, 1, value));
        EnrichedArticle second = decoded.decode(record(0, 1, value));

        assertThat(second).isEqualTo(first).isNotSameAs(first);
        assertThat(decoded.misses()).isEqualTo(2);
    }

    private static ConsumerRecord<byte[], byte[]> record(int partition, long offset, byte[] value) {
        return new ConsumerRecord<>(TOPIC, partition, offset, null, value);
    }
}
