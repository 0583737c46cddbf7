package dev.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports heap and time figures (no timed assertion): runs {@link PerformanceProbe} in a fresh JVM so that
 * language models loaded by other tests do not skew the heap figure. Skipped unless -Dnewsflow.perf=true.
 */
class PerformanceReportTest {

    private static final Logger LOG = LoggerFactory.getLogger(PerformanceReportTest.class);

    @Test
    void shouldReportHeapOfLanguageModelsAndTimePerArticle() throws IOException, InterruptedException {
        assumeTrue(Boolean.getBoolean("newsflow.perf"), "performance report runs with -Dnewsflow.perf=true");
        for (String mode : List.of("high", "low")) {
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process process = new ProcessBuilder(java.toString(), "-Xmx1g", "-cp", classPath,
                    "-Dnewsflow.shared.dir=" + SharedData.dir().toAbsolutePath(),
                    "-Dlogback.configurationFile=logback-test.xml", PerformanceProbe.class.getName(), mode)
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
            LOG.info("Performance ({} accuracy):\n{}", mode, output.lines()
                    .filter(line -> line.contains("=")).reduce("", (a, b) -> a + b + "\n"));
            assertThat(output).contains("msPerArticle=");
            Files.writeString(Path.of("target", "performance-" + mode + ".txt"), output);
        }
    }
}
