package dev.newsflow.support.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds the metrics of Kafka producers and consumers to a registry (Micrometer's {@link KafkaClientMetrics}:
 * {@code kafka_producer_*}, {@code kafka_consumer_*} with a {@code client_id} tag). Each binding ends when closed,
 * which removes the client's meters, so close it with the client.
 */
public final class KafkaClientMeters {

    /** Binds nothing: for services built without a registry. */
    public static final KafkaClientMeters NONE = new KafkaClientMeters(null);

    private static final Logger log = LoggerFactory.getLogger(KafkaClientMeters.class);
    /** How often new client metrics (such as those of newly assigned partitions) are looked for. */
    private static final Duration REFRESH = Duration.ofSeconds(10);
    private static final AutoCloseable UNBOUND = () -> { };

    private final MeterRegistry registry;

    private KafkaClientMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    public static KafkaClientMeters of(MeterRegistry registry) {
        return new KafkaClientMeters(Objects.requireNonNull(registry, "registry"));
    }

    /** Binds a producer's metrics until the returned handle is closed. */
    public AutoCloseable bind(Producer<?, ?> producer) {
        if (registry == null) {
            return UNBOUND;
        }
        return bind(new KafkaClientMetrics(producer, Tags.empty(), scheduler(), REFRESH));
    }

    /** Binds a consumer's metrics (lag per partition included) until the returned handle is closed. */
    public AutoCloseable bind(Consumer<?, ?> consumer) {
        if (registry == null) {
            return UNBOUND;
        }
        return bind(new KafkaClientMetrics(consumer, Tags.empty(), scheduler(), REFRESH));
    }

    private AutoCloseable bind(KafkaClientMetrics metrics) {
        metrics.bindTo(registry);
        return metrics::close;
    }

    /** Closes a binding, logging rather than throwing: for finally blocks next to a client's close. */
    public static void unbind(AutoCloseable binding) {
        try {
            binding.close();
        } catch (Exception e) {
            log.debug("Unbinding Kafka client metrics failed: {}", e.toString());
        }
    }

    /**
     * How many records a consumer is behind the end of its assigned partitions: the sum of the fetch manager's
     * per-partition {@code records-lag}, which the consumer updates as it fetches (0 when nothing is assigned or
     * nothing fetched yet). Safe to call from any thread.
     */
    public static double recordsLag(Consumer<?, ?> consumer) {
        double lag = 0;
        Map<MetricName, ? extends Metric> metrics = consumer.metrics();
        for (Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
            MetricName name = entry.getKey();
            if (name.name().equals("records-lag") && name.tags().containsKey("partition")
                    && name.group().equals("consumer-fetch-manager-metrics")
                    && entry.getValue().metricValue() instanceof Number value && !Double.isNaN(value.doubleValue())) {
                lag += value.doubleValue();
            }
        }
        return lag;
    }

    private static ScheduledExecutorService scheduler() {
        // KafkaClientMetrics shuts its scheduler down when closed, so each binding has its own daemon thread
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "newsflow-kafka-metrics");
            thread.setDaemon(true);
            return thread;
        });
    }
}
