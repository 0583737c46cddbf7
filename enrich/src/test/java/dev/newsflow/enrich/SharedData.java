package dev.newsflow.enrich;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Finds {@code ../shared} (seeds and corpus): system property {@code newsflow.shared.dir}, else relative paths. */
public final class SharedData {

    private SharedData() {
    }

    public static Path dir() {
        String property = System.getProperty("newsflow.shared.dir");
        if (property != null && Files.isDirectory(Paths.get(property))) {
            return Paths.get(property);
        }
        for (Path candidate : new Path[] {Paths.get("../shared"), Paths.get("../../shared")}) {
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return Paths.get(property != null ? property : "../shared");
    }

    public static Path seeds() {
        return dir().resolve("seeds");
    }

    public static Path corpus() {
        return dir().resolve("corpus");
    }
}
