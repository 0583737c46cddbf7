package dev.newsflow.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker, started from Kafka's own jars with no Docker and nothing installed: the broker of
 * the one-command demo and, through {@link KafkaBrokerExtension}, of the integration tests.
 *
 * <p>The broker runs in a child JVM, because a fatal broker error calls {@code Exit.halt}, which would end the
 * caller's JVM too. The child runs with this JVM's {@code java} binary and class path; it logs warnings and errors
 * only, which this JVM logs at WARN under the logger {@code dev.newsflow.kafka.BrokerProcess}; and it halts when this
 * JVM exits, even by {@code kill -9}, so it is never left behind.
 *
 * <p>It is one KRaft node, broker and controller, listening on {@code 127.0.0.1} only, on free ports unless
 * {@link Builder#port(int) told}. Internal topics have replication factor 1 and one partition, so consumer groups and
 * transactions work on the single node; consumer groups start without the initial rebalance delay; and
 * {@code auto.create.topics.enable} is {@code false}: the services create their topics with the partitions and
 * settings they need, and a mistyped topic name fails instead of creating a topic.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().build().start()) {
 *     String bootstrapServers = kafka.bootstrapServers();
 * }
 * }</pre>
 *
 * <p>The data is in a new temporary directory, deleted on {@link #close()}, unless
 * {@link Builder#dataDirectory(Path) given}. For fault injection, {@link #kill()} ends the broker as {@code kill -9}
 * does, and {@link #start()} starts it again on the same data directory and ports.
 */
public final class EmbeddedKafkaBroker implements KafkaBroker, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private final Path configuredDirectory;
    private final String heap;
    private final int port;
    private final Duration startTimeout;
    private final Map<String, String> brokerConfig;

    private ServerProperties settings;
    private Process process;
    private ChildOutput output;
    private boolean closed;

    private EmbeddedKafkaBroker(Builder builder) {
        configuredDirectory = builder.dataDirectory;
        heap = builder.heap;
        port = builder.port;
        startTimeout = builder.startTimeout;
        brokerConfig = Map.copyOf(builder.brokerConfig);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the broker and returns once it answers requests. The first start formats the data directory and picks
     * the ports; later starts, after {@link #stop()} or {@link #kill()}, reuse both.
     *
     * @return this broker
     * @throws IllegalStateException if the broker is running or closed, or did not start in time; the message ends
     *                               with the last lines the broker logged
     */
    public synchronized EmbeddedKafkaBroker start() {
        if (closed) {
            throw new IllegalStateException("The embedded Kafka broker is closed");
        }
        if (isRunning()) {
            throw new IllegalStateException("The embedded Kafka broker is already running at " + bootstrapServers());
        }
        if (settings == null) {
            settings = ServerProperties.on(createDataDirectory(), port, brokerConfig);
        }
        long began = System.nanoTime();
        launch(settings.write());
        try {
            OptionalLong heapUsed = output.awaitReady(startTimeout.toMillis());
            log.debug("The embedded Kafka broker process is ready after {} ms", elapsedMillis(began));
            awaitRequests(startTimeout.toMillis() - elapsedMillis(began));
            log.info("Embedded Kafka broker ready at {} in {} ms (pid {}, heap used {} MiB, data in {})",
                    bootstrapServers(), elapsedMillis(began), process.pid(),
                    heapUsed.isPresent() ? heapUsed.getAsLong() / (1024 * 1024) : "?", settings.dataDirectory());
            return this;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failedToStart("was interrupted while starting", e);
        } catch (TimeoutException e) {
            throw failedToStart("did not start within " + startTimeout.toSeconds() + " s", e);
        } catch (RuntimeException | ExecutionException e) {
            throw failedToStart("failed to start", e);
        }
    }

    /** The {@code bootstrap.servers} of the broker; the same across restarts. */
    @Override
    public synchronized String bootstrapServers() {
        return started().bootstrapServers();
    }

    @Override
    public Kind kind() {
        return Kind.EMBEDDED;
    }

    /** Where the broker keeps its data, its {@code server.properties} included. */
    public synchronized Path dataDirectory() {
        return started().dataDirectory();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Shuts the broker down cleanly, or kills it if it takes longer than 15 s. Does nothing if it is not running. */
    public synchronized void stop() {
        if (!isRunning()) {
            return;
        }
        try {
            // Not Process.destroy(): it closes the child's stdin, at whose end the child halts without a clean shutdown.
            OutputStream commands = process.getOutputStream();
            commands.write((BrokerProcess.STOP + "\n").getBytes(StandardCharsets.UTF_8));
            commands.flush();
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("The embedded Kafka broker did not stop within {} s; killing it", STOP_TIMEOUT.toSeconds());
                kill();
            }
            output.awaitEnd(STOP_TIMEOUT.toMillis());
        } catch (IOException e) {
            log.debug("The embedded Kafka broker process is gone already", e);
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /**
     * Ends the broker at once, as {@code kill -9} does, and waits until it is gone.
     *
     * <p>Kafka 4.4 may leave a transaction hanging if it is killed between the commit (or abort) of the transaction
     * and the writing of its markers: after the restart the partitions are briefly leaderless, and the transaction
     * coordinator drops markers for partitions without leader as if they were deleted. Consumers with
     * {@code isolation.level=read_committed} then stop at that transaction. To avoid it, kill after the transaction
     * is complete ({@code Admin.describeTransactions} says {@code CompleteCommit}).
     */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor();
            output.awaitEnd(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the broker and, unless the data directory was given to the builder, deletes it. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop();
        if (configuredDirectory == null && settings != null && !DataDirectory.delete(settings.dataDirectory())) {
            log.warn("Could not delete the data directory {} of the embedded Kafka broker", settings.dataDirectory());
        }
    }

    private ServerProperties started() {
        if (settings == null) {
            throw new IllegalStateException("The embedded Kafka broker has not been started");
        }
        return settings;
    }

    private Path createDataDirectory() {
        try {
            return configuredDirectory == null
                    ? Files.createTempDirectory("newsflow-kafka-")
                    : Files.createDirectories(configuredDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory of the embedded Kafka broker", e);
        }
    }

    private void launch(Path serverProperties) {
        List<String> command = ChildJvm.command(heap, serverProperties, configuredDirectory == null);
        log.debug("Starting the embedded Kafka broker: {}", command);
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start a JVM for the embedded Kafka broker", e);
        }
        output = ChildOutput.follow(process);
    }

    private void awaitRequests(long timeoutMillis) throws InterruptedException, ExecutionException,
            TimeoutException {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-readiness"))) {
            int timeout = (int) Math.max(1, timeoutMillis);
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeout))
                    .clusterId().get(timeout, TimeUnit.MILLISECONDS);
        }
    }

    private IllegalStateException failedToStart(String what, Exception cause) {
        kill();
        return new IllegalStateException("The embedded Kafka broker " + what + " (data in " + settings.dataDirectory()
                + "). Its last output:" + System.lineSeparator() + output.tail(), cause);
    }

    private static long elapsedMillis(long sinceNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sinceNanos);
    }

    /** Settings of an {@link EmbeddedKafkaBroker}; every one has a default. */
    public static final class Builder {

        private static final Pattern HEAP_SIZE = Pattern.compile("\\d+[kKmMgG]?");

        private Path dataDirectory;
        private String heap = "512m";
        private int port;
        private Duration startTimeout = Duration.ofSeconds(60);
        private final Map<String, String> brokerConfig = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Keeps the data in this directory, created if missing, formatted on first start, and not deleted on close.
         * By default the data is in a new temporary directory, deleted on {@link EmbeddedKafkaBroker#close()}.
         */
        public Builder dataDirectory(Path directory) {
            this.dataDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** The maximum heap of the broker's JVM, as for {@code -Xmx}: {@code "512m"} (the default), {@code "1g"}. */
        public Builder heap(String maxHeap) {
            if (!HEAP_SIZE.matcher(maxHeap).matches()) {
                throw new IllegalArgumentException("Not a heap size like 512m: " + maxHeap);
            }
            this.heap = maxHeap;
            return this;
        }

        /** The port clients connect to; by default a free port picked on first start. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Not a port: " + port);
            }
            this.port = port;
            return this;
        }

        /** How long {@link EmbeddedKafkaBroker#start()} waits for the broker; 60 s by default. */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Sets a broker config ({@code server.properties} key), over the defaults of this class. */
        public Builder brokerConfig(String key, String value) {
            brokerConfig.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public EmbeddedKafkaBroker build() {
            return new EmbeddedKafkaBroker(this);
        }
    }
}
