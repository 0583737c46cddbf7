package dev.newsflow.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One service ({@code newsflow ingest|enrich|publish --config FILE}) in a JVM of its own, which the test can kill
 * as {@code kill -9} does: no shutdown hook, no transaction finished, no group left. Its output goes to a log file
 * whose path every failure message names.
 */
final class ChildService implements AutoCloseable {

    private static final Pattern OPS_PORT = Pattern.compile("Ops endpoint on http://[^:]+:(\\d+)/");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path log;
    private volatile URI ops;

    private ChildService(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code newsflow <service> --config <config>} with this JVM's class path; output to {@code log}. */
    static ChildService start(String service, Path config, Path log) {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xms64m", "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"),
                ChildMain.class.getName(), service, "--config", config.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .directory(new File(System.getProperty("user.dir")));
        builder.environment().keySet().removeIf(name -> name.startsWith("NEWSFLOW_"));
        try {
            return new ChildService(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start a JVM for " + service, e);
        }
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until the ops endpoint says ready; fails fast with the log if the child exits. */
    ChildService awaitReady(Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(50))
                .failFast("the child exited; its log is " + log, () -> !process.isAlive())
                .until(() -> opsUri() != null && status("health/ready") == 200);
        return this;
    }

    /**
     * The value of a counter or gauge on {@code /metrics}: the first sample of the line the pattern finds, whose one
     * group is the value; 0 while the endpoint is not up or the meter not yet registered.
     */
    double metric(Pattern sample) {
        URI uri = opsUri();
        if (uri == null) {
            return 0;
        }
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri.resolve("metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher matcher = sample.matcher(response.body());
            return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Ends the JVM as {@code kill -9} does (SIGKILL on Linux) and waits until it is gone. */
    void kill9() {
        process.destroyForcibly();
        try {
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("killed child gone; log %s", log).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM, and waits for the clean exit; kills it if it takes longer than 30 s. */
    int stop() {
        // Not Process.destroy(): it also closes the child's stdin, at whose end ChildMain halts at once.
        process.toHandle().destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill9();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return process.isAlive() ? -1 : process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill9();
        }
    }

    private URI opsUri() {
        if (ops == null && Files.exists(log)) {
            try {
                Matcher port = OPS_PORT.matcher(Files.readString(log));
                if (port.find()) {
                    ops = URI.create("http://127.0.0.1:" + port.group(1) + "/");
                }
            } catch (IOException e) {
                return null;
            }
        }
        return ops;
    }

    private int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(opsUri().resolve(path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
