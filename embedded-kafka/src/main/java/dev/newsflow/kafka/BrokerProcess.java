package dev.newsflow.kafka;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * Main class of the child JVM that {@link EmbeddedKafkaBroker} starts; not meant to be run by hand.
 *
 * <p>Formats the storage unless already formatted, runs a combined KRaft broker and controller and prints
 * {@value #READY} once it serves. It reads its stdin: on {@value #STOP} it shuts down cleanly, and at end of file,
 * which comes when the parent JVM exits in any way, {@code kill -9} included, it halts.
 *
 * <p>Arguments: the path of the {@code server.properties} to run with, in the data directory; and
 * {@value #TEMPORARY} if the data directory is temporary: then it is deleted at the end of the stdin.
 */
public final class BrokerProcess {

    static final String READY = "NEWSFLOW-KAFKA-BROKER-READY";
    static final String STOP = "stop";
    static final String TEMPORARY = "--temporary";

    private BrokerProcess() {
    }

    public static void main(String[] args) {
        Path serverProperties = Path.of(args[0]);
        boolean temporary = args.length > 1 && TEMPORARY.equals(args[1]);
        followParent(temporary ? serverProperties.getParent() : null);
        ignoreInterrupt();
        KafkaRaftServer server;
        try {
            server = start(serverProperties);
        } catch (Throwable e) {
            // The broker's threads that did start would keep this JVM alive.
            e.printStackTrace(System.out);
            Runtime.getRuntime().halt(1);
            return;
        }
        Runtime runtime = Runtime.getRuntime();
        System.out.println(READY + " heapUsedBytes=" + (runtime.totalMemory() - runtime.freeMemory()));
        server.awaitShutdown();
    }

    private static KafkaRaftServer start(Path serverProperties) throws IOException {
        Properties properties = load(serverProperties);
        if (!Files.exists(Path.of(properties.getProperty("log.dirs"), "meta.properties"))) {
            format(serverProperties);
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(properties), Time.SYSTEM);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "kafka-shutdown"));
        server.startup();
        return server;
    }

    /**
     * Obeys the parent's commands on stdin, and halts at its end, deleting the data directory if given: the parent may
     * have had no time to.
     */
    private static void followParent(Path temporaryDirectory) {
        Thread follower = new Thread(() -> {
            try (BufferedReader commands = new BufferedReader(
                    new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String command = commands.readLine(); command != null; command = commands.readLine()) {
                    if (STOP.equals(command)) {
                        // Not on this thread, which must go on watching for the end of the stdin.
                        new Thread(() -> System.exit(0), "stop").start();
                    }
                }
            } catch (IOException e) {
                // a broken pipe means the same as end of file: the parent is gone
            }
            if (temporaryDirectory != null) {
                DataDirectory.delete(temporaryDirectory);
            }
            Runtime.getRuntime().halt(0);
        }, "parent-follower");
        follower.setDaemon(true);
        follower.start();
    }

    /**
     * Ctrl+C in a terminal interrupts the whole process group; the broker must keep serving while the parent shuts its
     * clients down, and is stopped by the parent or by the end of its stdin instead.
     */
    private static void ignoreInterrupt() {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            signal.getMethod("handle", signal, handler)
                    .invoke(null, signal.getConstructor(String.class).newInstance("INT"),
                            handler.getField("SIG_IGN").get(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.out.println("WARN  cannot ignore SIGINT: " + e);
        }
    }

    private static void format(Path serverProperties) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status = StorageTool.execute(new String[] {"format", "--config", serverProperties.toString(),
                "--cluster-id", Uuid.randomUuid().toString()},
                new PrintStream(output, true, StandardCharsets.UTF_8));
        if (status != 0) {
            throw new IllegalStateException("Formatting the Kafka storage failed (" + status + "): "
                    + output.toString(StandardCharsets.UTF_8));
        }
    }

    private static Properties load(Path serverProperties) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(serverProperties)) {
            properties.load(reader);
        }
        return properties;
    }
}
