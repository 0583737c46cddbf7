package dev.newsflow.contract;

import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic declared once: its name, the settings it is created with, and the serdes of its keys and values.
 *
 * @param name              topic name
 * @param defaultPartitions partitions when newsflow creates the topic
 * @param compacted         whether the topic keeps the latest value per key ({@code cleanup.policy=compact})
 * @param keySerde          serde of the keys
 * @param valueSerde        serde of the values
 */
public record TopicSpec<K, V>(String name, int defaultPartitions, boolean compacted, Serde<K> keySerde,
                              Serde<V> valueSerde) {

    /** The topic-level configs newsflow sets when it creates this topic. */
    public Map<String, String> configs() {
        return Map.of("cleanup.policy", compacted ? "compact" : "delete");
    }
}
