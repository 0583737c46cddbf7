package dev.newsflow.support.ops;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Whether the Kafka cluster answers: asks for the cluster's nodes with a short timeout, at most once per
 * {@code cacheFor}, so a readiness probe polled every second costs one metadata request every few seconds. The
 * admin client is created on first use and closed with the probe.
 */
public final class KafkaProbe implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final Map<String, Object> clientProperties;
    private final Duration cacheFor;
    private Admin admin;
    private Readiness last = Readiness.notReady("Kafka not checked yet");
    private long checkedAt;
    private boolean checked;
    private boolean closed;

    /**
     * @param clientProperties Kafka client properties (bootstrap servers, security...)
     * @param cacheFor         how long an answer is reused
     */
    public KafkaProbe(Map<String, Object> clientProperties, Duration cacheFor) {
        this.clientProperties = Map.copyOf(clientProperties);
        this.cacheFor = cacheFor;
    }

    /** Ready when the cluster named its nodes within two seconds, recently. */
    public synchronized Readiness check() {
        if (closed) {
            return Readiness.notReady("stopping");
        }
        long now = System.nanoTime();
        if (checked && now - checkedAt < cacheFor.toNanos()) {
            return last;
        }
        last = ask();
        checked = true;
        checkedAt = System.nanoTime();
        return last;
    }

    private Readiness ask() {
        try {
            if (admin == null) {
                Map<String, Object> properties = new HashMap<>(clientProperties);
                properties.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "newsflow-ops-probe");
                properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
                properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
                admin = Admin.create(filterAdmin(properties));
            }
            int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
                    .nodes().get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS).size();
            return nodes > 0 ? Readiness.ready() : Readiness.notReady("Kafka cluster reports no nodes");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Readiness.notReady("interrupted while asking Kafka");
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            return Readiness.notReady("Kafka unreachable: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : " " + cause.getMessage()));
        }
    }

    /** Only keys the admin client knows, so it does not warn about producer or consumer settings. */
    private static Map<String, Object> filterAdmin(Map<String, Object> properties) {
        Map<String, Object> admin = new HashMap<>();
        properties.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key) || key.startsWith("sasl.") || key.startsWith("ssl.")
                    || key.startsWith("security.")) {
                admin.put(key, value);
            }
        });
        return admin;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
            admin = null;
        }
    }
}
