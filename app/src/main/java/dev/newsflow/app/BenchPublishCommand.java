package dev.newsflow.app;

import dev.newsflow.kafka.EmbeddedKafkaBroker;
import dev.newsflow.publish.bench.PublishBenchmark;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code newsflow bench-publish}: the publish service on an embedded broker: signed webhook deliveries per second to
 * a verifying local receiver, latency from produce to webhook received at a fixed rate, and Server-Sent Events
 * clients held while articles flow; see {@link PublishBenchmark}.
 */
final class BenchPublishCommand {

    static final String USAGE = "bench-publish [--phases deliveries,latency,stream] [--subscriptions 100] "
            + "[--articles 2000] [--receiver-threads 8] [--latency-subscriptions 10] [--rate 500] [--latency 20s] "
            + "[--transactional] [--clients 10000] [--stream-rate 10] [--stream 20s] [--timeout 10m]";

    private BenchPublishCommand() {
    }

    /** Runs it outside the launcher: {@code java -cp ... dev.newsflow.app.BenchPublishCommand [options]}. */
    public static void main(String[] args) {
        int exit;
        try {
            exit = run(List.of(args), System.out, System.err);
        } catch (Newsflow.UsageException e) {
            System.err.println("newsflow: " + e.getMessage());
            exit = Newsflow.USAGE;
        }
        System.exit(exit);
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        PublishBenchmark.Options bench = options(args);
        err.printf(Locale.ROOT, "newsflow bench-publish: %s on an embedded broker; max heap %d MB; load average %s%n",
                bench.phases().stream().map(phase -> phase.name().toLowerCase(Locale.ROOT)).toList(),
                Runtime.getRuntime().maxMemory() / 1024 / 1024, loadAverage());
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start()) {
            PublishBenchmark.run(bench, broker.bootstrapServers(), out, err);
            return Newsflow.OK;
        } catch (IllegalStateException e) {
            err.println("newsflow bench-publish: failed: " + e.getMessage());
            return Newsflow.FAILED;
        }
    }

    static PublishBenchmark.Options options(List<String> args) {
        List<String> options = new ArrayList<>(args);
        PublishBenchmark.Options bench = PublishBenchmark.Options.defaults();
        if (options.remove("--transactional")) {
            bench = bench.withTransactional(true);
        }
        return Newsflow.valueOptions(options, bench, USAGE, (current, option, value) -> switch (option) {
            case "--phases" -> current.withPhases(Arrays.stream(value.split(","))
                    .map(phase -> PublishBenchmark.Phase.valueOf(phase.strip().toUpperCase(Locale.ROOT)))
                    .toList());
            case "--subscriptions" -> current.withSubscriptions(Integer.parseInt(value));
            case "--articles" -> current.withArticles(Integer.parseInt(value));
            case "--receiver-threads" -> current.withReceiverThreads(Integer.parseInt(value));
            case "--latency-subscriptions" -> current.withLatencySubscriptions(Integer.parseInt(value));
            case "--rate" -> current.withLatencyRate(Integer.parseInt(value));
            case "--latency" -> current.withLatencyDuration(Newsflow.parseDuration(value));
            case "--clients" -> current.withStreamClients(Integer.parseInt(value));
            case "--stream-rate" -> current.withStreamRate(Integer.parseInt(value));
            case "--stream" -> current.withStreamDuration(Newsflow.parseDuration(value));
            case "--timeout" -> current.withTimeout(Newsflow.parseDuration(value));
            default -> null;
        });
    }

    private static String loadAverage() {
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return String.format(Locale.ROOT, "%.2f", load);
    }
}
