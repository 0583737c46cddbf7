package dev.newsflow.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.contract.CloudEvents;
import dev.newsflow.contract.DeadLetters;
import dev.newsflow.contract.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLetterRecordsTest {

    @Test
    void shouldKeepTheBytesAndSayWhereTheRecordCameFromAndWhy() {
        RecordHeaders original = new RecordHeaders();
        original.add(CloudEvents.TYPE, "dev.newsflow.article.raw.v1".getBytes(StandardCharsets.UTF_8));
        original.add(CloudEvents.CONTENT_TYPE, "application/json".getBytes(StandardCharsets.UTF_8));
        original.add("traceparent", "00-abc-def-01".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("news.articles.raw", 3, 42L, 0L,
                TimestampType.CREATE_TIME, 3, 7, bytes("key"), bytes("{broken"), original, Optional.empty());

        ProducerRecord<byte[], byte[]> letter = DeadLetterRecords.of("enrich", record,
                new IllegalArgumentException("not a RawArticle"), Instant.parse("2026-01-01T00:00:00Z"));

        assertThat(letter.topic()).isEqualTo(Topics.DEAD_LETTER.name());
        assertThat(letter.key()).isEqualTo(bytes("key"));
        assertThat(letter.value()).isEqualTo(bytes("{broken"));
        assertThat(header(letter, DeadLetters.SOURCE_TOPIC)).isEqualTo("news.articles.raw");
        assertThat(header(letter, DeadLetters.SOURCE_PARTITION)).isEqualTo("3");
        assertThat(header(letter, DeadLetters.SOURCE_OFFSET)).isEqualTo("42");
        assertThat(header(letter, DeadLetters.STAGE)).isEqualTo("enrich");
        assertThat(header(letter, DeadLetters.EXCEPTION_CLASS)).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(header(letter, DeadLetters.EXCEPTION_MESSAGE)).isEqualTo("not a RawArticle");
        assertThat(header(letter, "traceparent")).isEqualTo("00-abc-def-01");
        assertThat(letter.headers().lastHeader(CloudEvents.TYPE)).as("not a CloudEvent any more").isNull();
        assertThat(letter.headers().lastHeader(CloudEvents.CONTENT_TYPE)).isNull();
    }

    @Test
    void shouldCapVeryLongExceptionMessages() {
        ProducerRecord<byte[], byte[]> letter = DeadLetterRecords.of("publish", "t", 0, 0, null, null, null,
                new IllegalStateException("x".repeat(50_000)), Instant.EPOCH);

        assertThat(header(letter, DeadLetters.EXCEPTION_MESSAGE)).hasSize(2_000);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
