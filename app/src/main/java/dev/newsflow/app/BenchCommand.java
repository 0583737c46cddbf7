package dev.newsflow.app;

import dev.newsflow.app.bench.EndToEndBenchmark;
import dev.newsflow.app.bench.ParseBenchmark;
import dev.newsflow.enrich.service.bench.EnrichKafkaBenchmark;
import dev.newsflow.kafka.EmbeddedKafkaBroker;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code newsflow bench}: the whole pipeline measured in one run on its own embedded brokers: Kafka's own ceiling on
 * this machine (a plain producer, and a transactional read-process-write copy), ingest's parsing, enrich with
 * exactly-once, and the time from a feed item appearing to its webhook arriving, with the ratio of enrich to the
 * ceiling so the figures mean something on any machine. Progress goes to stderr, figures to stdout.
 */
final class BenchCommand {

    static final String USAGE = "bench [--articles 10000] [--rate 20] [--feeds 20] [--duration 30s] [--poll 1s]";

    private BenchCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        List<String> options = new ArrayList<>(args);
        int articles = EnrichFileCommand.option(options, "--articles").map(BenchCommand::number).orElse(10_000);
        int rate = EnrichFileCommand.option(options, "--rate").map(BenchCommand::number).orElse(20);
        int feeds = EnrichFileCommand.option(options, "--feeds").map(BenchCommand::number).orElse(20);
        Duration duration = EnrichFileCommand.option(options, "--duration").map(Newsflow::parseDuration)
                .orElse(Duration.ofSeconds(30));
        Duration poll = EnrichFileCommand.option(options, "--poll").map(Newsflow::parseDuration)
                .orElse(Duration.ofSeconds(1));
        if (!options.isEmpty()) {
            throw new Newsflow.UsageException("unknown option(s) " + String.join(" ", options) + "; usage: newsflow "
                    + USAGE);
        }
        EndToEndBenchmark.Options endToEnd;
        EnrichKafkaBenchmark.Options enrich;
        try {
            endToEnd = new EndToEndBenchmark.Options(rate, feeds, duration, poll);
            enrich = EnrichKafkaBenchmark.Options.defaults().withArticles(articles)
                    .withLatencyDuration(Duration.ZERO);
        } catch (IllegalArgumentException e) {
            throw new Newsflow.UsageException(e.getMessage() + "; usage: newsflow " + USAGE);
        }
        err.printf(Locale.ROOT, "newsflow bench: %d cores, max heap %d MB, Java %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / 1024 / 1024,
                System.getProperty("java.version"));

        err.println("[1/3] ingest: parsing and normalising generated feeds ...");
        out.print(ParseBenchmark.run());

        err.println("[2/3] Kafka's ceiling and enrich with exactly-once, on a fresh broker ...");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start()) {
            out.print(EnrichKafkaBenchmark.run(enrich, broker.bootstrapServers(), err));
        }

        err.println("[3/3] end to end, feed item to webhook, on a fresh broker ...");
        Path work = Files.createTempDirectory("newsflow-bench-");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDirectory(work.resolve("kafka")).build()
                .start()) {
            out.print(EndToEndBenchmark.run(endToEnd, broker.bootstrapServers(), work, onArticle -> {
                String secret = Demo.newSecret();
                WebhookReceiver receiver = WebhookReceiver.start(secret, Clock.systemUTC(), onArticle);
                return new EndToEndBenchmark.WebhookReceiverFactory.Receiver() {
                    @Override
                    public String url() {
                        return receiver.url();
                    }

                    @Override
                    public String secret() {
                        return secret;
                    }

                    @Override
                    public void close() {
                        receiver.close();
                    }
                };
            }, err));
        }
        out.flush();
        return Newsflow.OK;
    }

    private static int number(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new Newsflow.UsageException("'" + text + "' is not a number");
        }
    }
}
