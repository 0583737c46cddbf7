package dev.newsflow.app;

import dev.newsflow.ingest.bench.IngestBenchmark;
import dev.newsflow.kafka.EmbeddedKafkaBroker;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code newsflow bench-ingest}: polls N synthetic feeds (most answering 304) from a local server through ingest
 * on an embedded broker, and prints polls per second, CPU per poll, heap and records produced.
 */
final class BenchIngestCommand {

    static final String USAGE = "bench-ingest [--feeds N] [--cycle 90s] [--duration 3m] [--warm-up 30s] "
            + "[--items N] [--changed 0.05] [--no-kafka]";

    private BenchIngestCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        List<String> options = new ArrayList<>(args);
        boolean kafka = !options.remove("--no-kafka");
        IngestBenchmark.Options bench = IngestBenchmark.Options.defaults();
        Duration duration = bench.duration();
        Duration warmUp = bench.warmUp();
        double changed = bench.changedFraction();
        int items = bench.itemsPerFeed();
        while (!options.isEmpty()) {
            String option = options.remove(0);
            if (options.isEmpty()) {
                throw new Newsflow.UsageException(option + " needs a value; usage: newsflow " + USAGE);
            }
            String value = options.remove(0);
            try {
                switch (option) {
                    case "--feeds" -> bench = bench.withFeeds(Integer.parseInt(value));
                    case "--cycle" -> bench = bench.withCycle(Newsflow.parseDuration(value));
                    case "--duration" -> duration = Newsflow.parseDuration(value);
                    case "--warm-up" -> warmUp = Newsflow.parseDuration(value);
                    case "--items" -> items = Integer.parseInt(value);
                    case "--changed" -> changed = Double.parseDouble(value);
                    default -> throw new Newsflow.UsageException("unknown option " + option + "; usage: newsflow "
                            + USAGE);
                }
                bench = bench.withDuration(duration, warmUp).withChanges(changed, items);
            } catch (IllegalArgumentException e) {
                throw new Newsflow.UsageException(option + " " + value + ": " + e.getMessage());
            }
        }
        err.println("newsflow bench-ingest: " + bench.feeds() + " feeds on a " + bench.cycle().toSeconds()
                + " s cycle for " + duration.toSeconds() + " s" + (kafka ? ", on an embedded broker" : ", no Kafka")
                + "; max heap " + Runtime.getRuntime().maxMemory() / 1024 / 1024 + " MB");
        if (!kafka) {
            out.print(IngestBenchmark.run(bench, null, err));
            return Newsflow.OK;
        }
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start()) {
            out.print(IngestBenchmark.run(bench, broker.bootstrapServers(), err));
            return Newsflow.OK;
        }
    }
}
