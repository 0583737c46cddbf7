package dev.newsflow.support.kafka;

import dev.newsflow.contract.CloudEvents;
import dev.newsflow.contract.DeadLetters;
import dev.newsflow.contract.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Builds the dead-letter copy of a record no stage could process, keeping its bytes and saying why. */
public final class DeadLetterRecords {

    private static final int MAX_MESSAGE_LENGTH = 2_000;

    private DeadLetterRecords() {
    }

    public static ProducerRecord<byte[], byte[]> of(String stage, String topic, int partition, long offset,
                                                    byte[] key, byte[] value, Iterable<Header> originalHeaders,
                                                    Throwable failure, Instant failedAt) {
        RecordHeaders headers = new RecordHeaders();
        if (originalHeaders != null) {
            // CloudEvents readers must not take a dead letter for the event it failed to become.
            originalHeaders.forEach(header -> {
                if (!header.key().startsWith("ce_") && !header.key().equals(CloudEvents.CONTENT_TYPE)) {
                    headers.add(header);
                }
            });
        }
        add(headers, DeadLetters.SOURCE_TOPIC, topic);
        add(headers, DeadLetters.SOURCE_PARTITION, Integer.toString(partition));
        add(headers, DeadLetters.SOURCE_OFFSET, Long.toString(offset));
        add(headers, DeadLetters.STAGE, stage);
        add(headers, DeadLetters.EXCEPTION_CLASS, failure.getClass().getName());
        String message = String.valueOf(failure.getMessage());
        add(headers, DeadLetters.EXCEPTION_MESSAGE,
                message.length() > MAX_MESSAGE_LENGTH ? message.substring(0, MAX_MESSAGE_LENGTH) : message);
        add(headers, DeadLetters.FAILED_AT, failedAt.toString());
        return new ProducerRecord<>(Topics.DEAD_LETTER.name(), null, key, value, headers);
    }

    public static ProducerRecord<byte[], byte[]> of(String stage, ConsumerRecord<byte[], byte[]> record,
                                                    Throwable failure, Instant failedAt) {
        return of(stage, record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                record.headers(), failure, failedAt);
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
