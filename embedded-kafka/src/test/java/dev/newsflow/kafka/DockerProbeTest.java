package dev.newsflow.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerProbeTest {

    @TempDir
    Path home;

    @Test
    void shouldExpectDockerWhenDockerHostIsSet() {
        assertThat(DockerProbe.mayHaveDocker(Map.of("DOCKER_HOST", "tcp://docker:2375"), home, false)).isTrue();
    }

    @Test
    void shouldExpectDockerWhenTheUserHasADockerDesktopSocket() throws IOException {
        Files.createDirectories(home.resolve(".docker/run"));
        Files.createFile(home.resolve(".docker/run/docker.sock"));

        assertThat(DockerProbe.mayHaveDocker(Map.of(), home, false)).isTrue();
    }

    @Test
    void shouldExpectDockerWhenARootlessSocketExists() throws IOException {
        Path runtime = Files.createDirectories(home.resolve("run"));
        Files.createFile(runtime.resolve("docker.sock"));

        assertThat(DockerProbe.mayHaveDocker(Map.of("XDG_RUNTIME_DIR", runtime.toString()), home, false)).isTrue();
    }

    @Test
    void shouldNotExpectDockerWithoutSocketOrSetting() {
        assumeFalse(Files.exists(Path.of("/var/run/docker.sock")), "this machine has a Docker socket");

        assertThat(DockerProbe.mayHaveDocker(Map.of(), home, false)).isFalse();
    }
}
