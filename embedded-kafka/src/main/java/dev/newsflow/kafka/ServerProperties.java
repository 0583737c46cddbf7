package dev.newsflow.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** The {@code server.properties} of a single-node KRaft cluster bound to the loopback interface. */
record ServerProperties(Path dataDirectory, int brokerPort, int controllerPort, Map<String, String> overrides) {

    static final String HOST = "127.0.0.1";

    ServerProperties {
        overrides = Map.copyOf(overrides);
    }

    /** Settings on the given broker port (0: any free port) and a free controller port. */
    static ServerProperties on(Path dataDirectory, int brokerPort, Map<String, String> overrides) {
        int broker = brokerPort == 0 ? freePort() : brokerPort;
        int controller = freePort();
        // a port freed a moment ago may come back at once: the two listeners must not get the same one
        while (controller == broker) {
            controller = freePort();
        }
        return new ServerProperties(dataDirectory, broker, controller, overrides);
    }

    String bootstrapServers() {
        return HOST + ":" + brokerPort;
    }

    Map<String, String> asMap() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("process.roles", "broker,controller");
        settings.put("node.id", "1");
        settings.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        settings.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        settings.put("advertised.listeners", "PLAINTEXT://" + bootstrapServers());
        settings.put("controller.listener.names", "CONTROLLER");
        settings.put("inter.broker.listener.name", "PLAINTEXT");
        settings.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        settings.put("log.dirs", dataDirectory.resolve("kraft").toString());
        // The services create their topics with the partitions they need; a typo must not create a topic.
        settings.put("auto.create.topics.enable", "false");
        settings.put("num.partitions", "1");
        settings.put("default.replication.factor", "1");
        settings.put("min.insync.replicas", "1");
        settings.put("offsets.topic.replication.factor", "1");
        settings.put("offsets.topic.num.partitions", "1");
        settings.put("transaction.state.log.replication.factor", "1");
        settings.put("transaction.state.log.min.isr", "1");
        settings.put("transaction.state.log.num.partitions", "1");
        settings.put("share.coordinator.state.topic.replication.factor", "1");
        settings.put("share.coordinator.state.topic.min.isr", "1");
        settings.put("share.coordinator.state.topic.num.partitions", "1");
        settings.put("group.initial.rebalance.delay.ms", "0");
        // After a kill the restarted node registers again only once its previous registration expired: 5 s, not 9.
        // Not shorter: on a loaded machine a late heartbeat fences the only broker, every partition goes offline,
        // and Kafka 4.4 producers with requests in flight then fail with OutOfOrderSequenceException for good.
        settings.put("broker.heartbeat.interval.ms", "1000");
        settings.put("broker.session.timeout.ms", "5000");
        // The default 128 MiB dedupe buffer of the log cleaner would be most of the heap of a small broker.
        settings.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        settings.putAll(overrides);
        return settings;
    }

    Path write() {
        Path file = dataDirectory.resolve("server.properties");
        Properties properties = new Properties();
        properties.putAll(asMap());
        try (Writer writer = Files.newBufferedWriter(file)) {
            properties.store(writer, "Single-node KRaft broker of newsflow's EmbeddedKafkaBroker");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + HOST, e);
        }
    }
}
