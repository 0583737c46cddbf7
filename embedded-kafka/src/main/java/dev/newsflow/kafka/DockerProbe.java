package dev.newsflow.kafka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Looks for a sign of a Docker engine before asking Testcontainers, which on a machine without one spends seconds
 * and logs a page of errors trying every way it knows.
 */
final class DockerProbe {

    private DockerProbe() {
    }

    /** Whether Testcontainers can find a Docker engine: settings that name one, or a known engine socket. */
    static boolean mayHaveDocker(Map<String, String> environment, Path home, boolean windows) {
        if (windows) {
            return true;
        }
        if (Stream.of("DOCKER_HOST", "TESTCONTAINERS_HOST_OVERRIDE", "TESTCONTAINERS_DOCKER_SOCKET_OVERRIDE")
                .anyMatch(environment::containsKey)
                || Files.exists(home.resolve(".testcontainers.properties"))) {
            return true;
        }
        return sockets(environment, home).stream().anyMatch(Files::exists);
    }

    static boolean mayHaveDocker() {
        return mayHaveDocker(System.getenv(), Path.of(System.getProperty("user.home")),
                System.getProperty("os.name", "").startsWith("Windows"));
    }

    private static List<Path> sockets(Map<String, String> environment, Path home) {
        Stream<Path> wellKnown = Stream.of(
                Path.of("/var/run/docker.sock"),
                home.resolve(".docker/run/docker.sock"),
                home.resolve(".docker/desktop/docker.sock"),
                home.resolve(".colima/default/docker.sock"),
                home.resolve(".rd/docker.sock"));
        Stream<Path> rootless = environment.containsKey("XDG_RUNTIME_DIR")
                ? Stream.of(Path.of(environment.get("XDG_RUNTIME_DIR"), "docker.sock"),
                Path.of(environment.get("XDG_RUNTIME_DIR"), "podman", "podman.sock"))
                : Stream.empty();
        return Stream.concat(wellKnown, rootless).toList();
    }
}
