package dev.newsflow.ingest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The harness on tiny numbers without Kafka: its figures must agree with each other, whatever the speed. */
class IngestBenchmarkTest {

    @Test
    void shouldReportConsistentFiguresOnACountingStore() {
        // 50 feeds on a 2 s cycle: every feed is polled about twice in 4 s, a third of polls find a new item
        IngestBenchmark.Options options = IngestBenchmark.Options.defaults().withFeeds(50).withHosts(10)
                .withCycle(Duration.ofSeconds(2)).withDuration(Duration.ofSeconds(4), Duration.ofSeconds(1))
                .withChanges(0.3, 5).withFetching(4, 2, Duration.ZERO).withProgressEvery(Duration.ofSeconds(1));
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        IngestBenchmark.Report report = IngestBenchmark.run(options, null,
                new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertThat(report.failure()).isNull();
        assertThat(report.polls()).isPositive();
        assertThat(report.notModified()).isPositive();
        assertThat(report.changed()).isPositive();
        assertThat(report.otherResponses()).isZero();
        assertThat(report.notModified() + report.changed()).isEqualTo(report.polls());
        assertThat(report.failedPolls()).isZero();
        assertThat(report.handledPolls()).isGreaterThanOrEqualTo(report.polls());
        // one new item per 200: the seeded seen state matches what ingest makes of the synthetic items
        assertThat(report.handledChanged()).isPositive();
        assertThat(report.records()).isEqualTo(report.handledChanged());
        // 200s still in flight at close were served but not written
        assertThat(report.records()).isLessThanOrEqualTo(report.expectedRecords())
                .isGreaterThanOrEqualTo(report.expectedRecords() - options.fetchParallelism());
        assertThat(report.cpuMsPerPoll()).isPositive();
        assertThat(report.heapAfterGcMb()).isPositive();
        assertThat(report.toString()).contains("pollsPerSecond=", "records=" + report.records());
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("polls=");
    }
}
