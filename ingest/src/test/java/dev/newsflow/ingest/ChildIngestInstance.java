package dev.newsflow.ingest;

import dev.newsflow.ingest.kafka.IngestTopics;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * An ingest instance in a JVM of its own, which a test can kill without warning (SIGKILL): no close, no leaving the
 * group, no last heartbeat, as when a machine dies; or pause (SIGSTOP) and resume (SIGCONT), as a long GC pause or a
 * frozen container would. It halts when its stdin closes, so it never outlives the test JVM, even one killed itself.
 */
final class ChildIngestInstance {

    private ChildIngestInstance() {
    }

    /**
     * Arguments: bootstrap servers, topic prefix, group id, instance name, session timeout and fetch timeout in
     * milliseconds.
     */
    public static void main(String[] args) throws IOException {
        IngestSettings settings = FeedOwnershipIT.settings(args[0], args[2], args[3], null,
                Duration.ofMillis(Long.parseLong(args[4])), Duration.ofMillis(Long.parseLong(args[5])));
        IngestService service = IngestService.builder(settings, Clock.systemUTC())
                .topics(IngestTopics.prefixed(args[1])).random(() -> 0.0).build();
        service.start();
        System.in.transferTo(OutputStream.nullOutputStream());
        Runtime.getRuntime().halt(0);
    }

    /** Starts an instance in a child JVM with this JVM's class path; its output goes to {@code log}. */
    static Process start(String bootstrapServers, String topicPrefix, String group, String name,
                         Duration sessionTimeout, Path log) throws IOException {
        return start(bootstrapServers, topicPrefix, group, name, sessionTimeout, FeedOwnershipIT.FETCH_TIMEOUT, log);
    }

    /** As above, with a fetch timeout of its own, e.g. one that outlasts a pause. */
    static Process start(String bootstrapServers, String topicPrefix, String group, String name,
                         Duration sessionTimeout, Duration fetchTimeout, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                ChildIngestInstance.class.getName(),
                bootstrapServers, topicPrefix, group, name, String.valueOf(sessionTimeout.toMillis()),
                String.valueOf(fetchTimeout.toMillis()));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .directory(new File(System.getProperty("user.dir")))
                .start();
    }
}
