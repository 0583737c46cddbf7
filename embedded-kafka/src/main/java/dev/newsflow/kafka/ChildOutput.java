package dev.newsflow.kafka;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the output of the broker's child JVM: forwards it to the logger of {@link BrokerProcess} at WARN (the child
 * only logs warnings and errors), keeps its last lines for error messages, and spots the ready line.
 */
final class ChildOutput {

    private static final Logger log = LoggerFactory.getLogger(BrokerProcess.class);
    private static final int TAIL_LINES = 40;

    private final Deque<String> tail = new ArrayDeque<>();
    private final CompletableFuture<OptionalLong> ready = new CompletableFuture<>();
    private final Thread reader;

    private ChildOutput(Process process) {
        // The reading thread also keeps the Process reachable: were it collected, its stdin would close and the
        // child would halt.
        reader = new Thread(() -> read(process), "kafka-broker-output-" + process.pid());
        reader.setDaemon(true);
    }

    static ChildOutput follow(Process process) {
        ChildOutput output = new ChildOutput(process);
        output.reader.start();
        return output;
    }

    /**
     * Waits for the ready line.
     *
     * @return the heap the child used when ready, if it said
     * @throws IllegalStateException if the child exited first
     * @throws TimeoutException      if it did not get ready in time
     */
    OptionalLong awaitReady(long timeoutMillis) throws TimeoutException, InterruptedException {
        try {
            return ready.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }

    void awaitEnd(long timeoutMillis) throws InterruptedException {
        reader.join(timeoutMillis);
    }

    synchronized String tail() {
        return String.join(System.lineSeparator(), tail);
    }

    private void read(Process process) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith(BrokerProcess.READY)) {
                    ready.complete(heapUsed(line));
                } else {
                    remember(line);
                    log.warn("{}", line);
                }
            }
        } catch (IOException e) {
            log.debug("Output of the Kafka broker process {} ended", process.pid(), e);
        }
        ready.completeExceptionally(new IllegalStateException("The Kafka broker process exited" + status(process)));
    }

    private static String status(Process process) {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? " with status " + process.exitValue() : "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private synchronized void remember(String line) {
        if (tail.size() == TAIL_LINES) {
            tail.removeFirst();
        }
        tail.addLast(line);
    }

    private static OptionalLong heapUsed(String readyLine) {
        int at = readyLine.indexOf('=');
        return at < 0 ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(readyLine.substring(at + 1).trim()));
    }
}
