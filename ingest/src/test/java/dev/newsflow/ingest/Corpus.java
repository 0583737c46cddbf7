package dev.newsflow.ingest;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared test corpus ({@code ../shared/corpus}); tests using it are skipped with a message when it is absent. */
public final class Corpus {

    private Corpus() {
    }

    public static Path root() {
        String shared = System.getProperty("newsflow.shared.dir", "../shared");
        return Path.of(shared).resolve("corpus").toAbsolutePath().normalize();
    }

    /** The corpus path, skipping the test with a message when it is absent. */
    public static Path require(String relative) {
        Path path = root().resolve(relative);
        assumeTrue(Files.exists(path), () -> "shared corpus not found at " + path
                + " (set -Dnewsflow.shared.dir or lay the corpus at ../shared/corpus); skipping");
        return path;
    }
}
