package dev.newsflow.publish;

import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.Topics;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Enriched records decoded once per instance instead of once per subscription. Every subscription's worker reads the
 * same records at about the same time, and decoding a ~20 KB article was the largest cost of a delivery after HTTP.
 *
 * <p>A small direct-mapped table: a record's slot follows from its partition and offset, so consecutive records of a
 * partition take consecutive slots and a worker more than {@code capacity} records behind the others decodes for
 * itself. A hit needs the same topic, partition and offset and byte-for-byte the same value, so a recreated topic
 * can never hand out another record's article. Records that cannot be decoded are not kept: each worker meets the
 * error itself and dead-letters the record for its subscription. Lock-free; two workers missing the same record at
 * once both decode it.
 */
final class DecodedArticles {

    /**
     * Records kept: a worker this far behind the others decodes for itself. Each entry keeps the value of the first
     * worker that read it and the decoded article, so about 1,000 records of ~20 KB hold up to ~50 MB.
     */
    static final int DEFAULT_CAPACITY = 1024;

    private record Entry(String topic, int partition, long offset, byte[] value, EnrichedArticle article) {

        boolean holds(ConsumerRecord<byte[], byte[]> record) {
            return offset == record.offset() && partition == record.partition() && topic.equals(record.topic())
                    && Arrays.equals(value, record.value());
        }
    }

    private final AtomicReferenceArray<Entry> slots;
    private final Deserializer<EnrichedArticle> deserializer = Topics.ENRICHED_ARTICLES.valueSerde().deserializer();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    /** A table of {@code capacity} records; 0 keeps nothing (every call decodes). */
    DecodedArticles(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative, got " + capacity);
        }
        this.slots = new AtomicReferenceArray<>(capacity);
    }

    /**
     * The article in the record's value.
     *
     * @throws SerializationException when the value is not an enriched article
     */
    EnrichedArticle decode(ConsumerRecord<byte[], byte[]> record) {
        if (slots.length() == 0 || record.value() == null) {
            misses.increment();
            return deserializer.deserialize(record.topic(), record.value());
        }
        int slot = slotOf(record.partition(), record.offset());
        Entry entry = slots.get(slot);
        if (entry != null && entry.holds(record)) {
            hits.increment();
            return entry.article();
        }
        misses.increment();
        EnrichedArticle article = deserializer.deserialize(record.topic(), record.value());
        if (article != null) {
            slots.set(slot, new Entry(record.topic(), record.partition(), record.offset(), record.value(), article));
        }
        return article;
    }

    long hits() {
        return hits.sum();
    }

    long misses() {
        return misses.sum();
    }

    private int slotOf(int partition, long offset) {
        // partitions start far apart in the table, offsets of one partition run through it
        long spread = offset + (long) partition * 0x9E3779B9L;
        return (int) Math.floorMod(spread, (long) slots.length());
    }
}
