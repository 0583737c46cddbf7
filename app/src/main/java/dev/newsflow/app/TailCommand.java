package dev.newsflow.app;

import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.EnrichedArticleConsumer;
import dev.newsflow.publish.subscription.SubscriptionFilter;
import dev.newsflow.support.config.Config;
import dev.newsflow.support.kafka.KafkaSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.errors.WakeupException;

/**
 * {@code newsflow tail}: prints enriched articles as they are committed, filtered like a subscription (any of the
 * given tags, sources, languages, feeds). It reads {@code read_committed} in a consumer group of its own that
 * commits nothing, so it never moves anyone's position; from the end of the topic unless {@code --from-beginning}.
 */
final class TailCommand {

    static final String USAGE = "tail [--tag ID]... [--source ID]... [--language CODE]... [--feed ID]... "
            + "[--from-beginning] [--max N] [--timeout 5m] [--json] [--config FILE]";

    private static final Duration POLL = Duration.ofMillis(500);

    private TailCommand() {
    }

    static int run(List<String> args, Optional<Path> configFile, PrintStream out, PrintStream err) {
        List<String> options = new ArrayList<>(args);
        boolean json = options.remove("--json");
        boolean fromBeginning = options.remove("--from-beginning");
        SubscriptionFilter filter = SubscriptionFilter.ALL.withTags(values(options, "--tag"))
                .withSources(values(options, "--source")).withLanguages(values(options, "--language"))
                .withFeeds(values(options, "--feed"));
        long max = EnrichFileCommand.option(options, "--max").map(TailCommand::positive).orElse(Long.MAX_VALUE);
        Optional<Duration> timeout = EnrichFileCommand.option(options, "--timeout").map(Newsflow::parseDuration);
        if (!options.isEmpty()) {
            throw new Newsflow.UsageException("unknown option(s) " + String.join(" ", options) + "; usage: newsflow "
                    + USAGE);
        }
        Config config = Config.load(KafkaSettings.all(), List.of(KafkaSettings.PASS_THROUGH_PREFIX), configFile,
                System.getenv());
        Map<String, Object> kafka = KafkaSettings.clientProperties(config);
        EnrichedArticleConsumer.Builder builder = EnrichedArticleConsumer.builder(
                config.get(KafkaSettings.BOOTSTRAP_SERVERS), "newsflow-tail-" + UUID.randomUUID())
                .filter(filter::matches);
        kafka.forEach((name, value) -> {
            if (!name.equals(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
                builder.property(name, value);
            }
        });
        builder.property(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
        ArticlePrinter printer = new ArticlePrinter(out, json);
        long deadline = timeout.map(t -> System.nanoTime() + t.toNanos()).orElse(Long.MAX_VALUE);
        long printed = 0;
        try (EnrichedArticleConsumer consumer = builder.build()) {
            Thread hook = new Thread(consumer::wakeup, "newsflow-tail-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                while (printed < max && System.nanoTime() < deadline) {
                    for (EnrichedArticle article : consumer.poll(POLL)) {
                        if (printed < max) {
                            printer.print(article);
                            printed++;
                        }
                    }
                }
            } catch (WakeupException e) {
                // Ctrl-C or SIGTERM: stop quietly
            } finally {
                removeHook(hook);
            }
        }
        err.println("newsflow tail: " + printed + " article(s)");
        return Newsflow.OK;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down already
        }
    }

    private static List<String> values(List<String> options, String name) {
        List<String> values = new ArrayList<>();
        for (Optional<String> value = EnrichFileCommand.option(options, name); value.isPresent();
             value = EnrichFileCommand.option(options, name)) {
            values.add(value.get());
        }
        return values;
    }

    private static long positive(String text) {
        try {
            long value = Long.parseLong(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Newsflow.UsageException("--max needs a positive number, not '" + text + "'");
    }
}
