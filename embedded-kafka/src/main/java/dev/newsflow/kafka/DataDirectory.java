package dev.newsflow.kafka;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deletes data directories of brokers. */
final class DataDirectory {

    private DataDirectory() {
    }

    /** Deletes the directory and all in it, as far as possible; returns whether it is gone. */
    static boolean delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException | UncheckedIOException e) {
            // what is left is reported below
        }
        return !Files.exists(directory);
    }
}
