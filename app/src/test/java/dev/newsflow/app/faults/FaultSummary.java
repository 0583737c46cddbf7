package dev.newsflow.app.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The one line each fault-injection run prints: {@code articles in=.. out=.. lost=.. duplicated=.. recovery=..ms},
 * with the run's name before it and details after it. It also goes to {@code target/fault-injection.txt}, so a long
 * run leaves its figures behind.
 *
 * @param recoveryMillis the longest time from a kill -9 to the first article handled after it
 */
record FaultSummary(String run, long in, long out, long lost, long duplicated, long recoveryMillis, String details) {

    String line() {
        return String.format("%s: articles in=%d out=%d lost=%d duplicated=%d recovery=%dms%s", run, in, out, lost,
                duplicated, recoveryMillis, details.isEmpty() ? "" : " (" + details + ")");
    }

    FaultSummary print() {
        String line = line();
        System.out.println(line);
        try {
            Path file = Path.of("target", "fault-injection.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, Instant.now() + " [" + FaultScale.current().name() + "] " + line
                    + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("(could not append to target/fault-injection.txt: " + e + ")");
        }
        return this;
    }
}
