package dev.newsflow.app;

import dev.newsflow.ingest.cli.ParseFeedCommand;
import dev.newsflow.support.config.ConfigException;
import dev.newsflow.support.config.Setting;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The launcher: {@code newsflow demo | ingest | enrich | publish | help}. Exit codes: 0 done, 1 failed while
 * running, 2 bad command line or configuration.
 */
public final class Newsflow {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private static final String USAGE_TEXT = """
            Usage: newsflow <command> [options]

            Commands:
              demo [--once] [--json] [--timeout 2m]
                  Runs the whole pipeline on an embedded Kafka broker with the bundled sample feeds and prints
                  each article its webhook subscriber receives. --once exits 0 when every sample article has
                  been delivered; --json prints one enriched article per line as JSON (logs go to stderr).
              ingest  [--config FILE] [--print-config]   polls the feeds of ingest.feeds-file into news.articles.raw
              enrich  [--config FILE] [--print-config]   enriches news.articles.raw into news.articles.enriched
              publish [--config FILE] [--print-config]   delivers enriched articles to webhook subscribers
              bench [--articles 10000] [--rate 20] [--feeds 20] [--duration 30s] [--poll 1s]
                                                         the whole pipeline in one run on its own brokers: ingest
                                                         parsing, Kafka's ceiling (producer, transactional copy),
                                                         enrich exactly-once and its share of the ceiling, feed item
                                                         to webhook latency p50/p99 at a stated rate
              bench-ingest [--feeds N] [--cycle 90s] [--duration 3m] [--no-kafka]
                                                         polls N synthetic feeds (mostly 304) through ingest on an
                                                         embedded broker; prints polls/s, CPU per poll, heap
              bench-enrich [--articles 20000] [--threads 2] [--partitions 4] [--rate N] [--latency 20s]
                  [--warm-up 0] [--corpus DIR]           enriches a generated Polish/English mix through an
                                                         embedded broker, exactly-once; prints articles/s, latency
                                                         p50/p99, CPU per article, heap after GC; --warm-up N
                                                         sets enrich.warm-up-articles; --corpus sends the *.txt
                                                         articles under DIR in turn instead of the mix
              bench-publish [--phases deliveries,latency,stream] [--subscriptions 100] [--articles 2000]
                  [--receiver-threads 8] [--latency-subscriptions 10] [--rate 500] [--latency 20s]
                  [--transactional] [--clients 10000] [--stream-rate 10] [--stream 20s] [--timeout 10m]
                                                         the publish service on an embedded broker: signed webhook
                                                         deliveries/s to a verifying local receiver, produce-to-
                                                         webhook latency p50/p99 at a rate, SSE clients held (in a
                                                         child JVM) while articles flow
              bench-enrich --no-kafka [FILE...]          enrichment alone (language-model heap, ms per article) on
                                                         the mix or on plain-text articles, title first
              subscriptions list [--json] | add ID (--url URL --secret whsec_... | --pull) [--tags A,B]
                  [--tags-all ..] [--sources ID-OR-ROLE,..] [--languages ..] [--feeds ..] | pause ID | resume ID
                  | delete ID | replay ID --from TIME | failed ID   [--config FILE]
                                                         manages the subscriptions in news.subscriptions; running
                                                         publish instances pick changes up without a restart
              tail [--tag ID]... [--source ID]... [--language L]... [--feed ID]... [--from-beginning]
                   [--max N] [--timeout 5m] [--json] [--config FILE]
                                                         prints enriched articles as they are committed, filtered
                                                         like a subscription; reads only, commits nothing
              enrich-file FILE... [--json] [--language pl] [--knowledge-base FILE]
                                                         enriches local text or HTML files as enrich would (no
                                                         Kafka); readable, or one JSON line per file
              evaluate GOLD... [--corpus DIR] [--verbose] [--json] [--knowledge-base FILE]
                                                         scores enrichment against hand-labelled gold (seed-gold.json
                                                         layout or JSON lines): precision, recall, F1 of sources
                                                         (name + role) and tags, per language
              parse-feed FILE|URL [--json] [--base-url URL] [--content-type TYPE] [--allow-private]
                                                         parses one feed as ingest would and prints its articles;
                                                         exits 1 with a one-line reason when it cannot
              feeds add ID URL [--title T] [--language L] [--full-text auto|always|never]
                               [--min-interval 10m] [--max-interval 6h] [--config FILE]
              feeds list [--json] | disable ID | enable ID | import FILE.opml   [--config FILE]
                                                         manages the feeds in news.feeds; running ingest instances
                                                         pick changes up without a restart
              feeds import FILE.opml --yaml              prints an OPML export's feeds as a feed list (no Kafka)
              config-reference                           prints every setting of every service (Markdown)
              help                                       prints this text

            Services read the YAML file given with --config; environment variables override it
            (setting a.b-c <- NEWSFLOW_A_B_C; undeclared kafka.* keys pass through to the Kafka clients).
            Exit codes: 0 done, 1 failed while running, 2 bad command line or configuration.
            """;

    private Newsflow() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || List.of("help", "--help", "-h").contains(args[0])) {
            out.print(USAGE_TEXT);
            return args.length == 0 ? USAGE : OK;
        }
        List<String> options = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
        if (options.contains("--help") || options.contains("-h")) {
            out.print(USAGE_TEXT);
            return OK;
        }
        try {
            return switch (args[0]) {
                case "demo" -> Demo.run(demoOptions(options), out, err);
                case "bench-enrich" -> BenchEnrichCommand.run(options, out, err);
                case "bench-publish" -> BenchPublishCommand.run(options, out, err);
                case "bench" -> bench(options, out, err);
                case "enrich-file" -> EnrichFileCommand.run(options, out, err);
                case "tail" -> TailCommand.run(options, configFile(options), out, err);
                case "subscriptions" -> SubscriptionsCommand.run(options, configFile(options), out, err);
                case "evaluate" -> EvaluateCommand.run(options, out, err);
                case "bench-ingest" -> BenchIngestCommand.run(options, out, err);
                case "feeds" -> FeedsCommand.run(options, configFile(options), out, err);
                case "parse-feed" -> ParseFeedCommand.run(options, out, err, Clock.systemUTC());
                case "config-reference" -> {
                    remaining(options);
                    out.print(ConfigReference.markdown());
                    yield OK;
                }
                case "ingest", "enrich", "publish" -> ServiceCommand.run(args[0], configFile(options),
                        options.remove("--print-config"), remaining(options), out, err);
                default -> throw new UsageException("unknown command '" + args[0] + "'");
            };
        } catch (UsageException e) {
            err.println("newsflow: " + e.getMessage());
            err.println("Run 'newsflow help' for usage.");
            return USAGE;
        } catch (ConfigException e) {
            err.println("newsflow: " + e.getMessage());
            return USAGE;
        }
    }

    private static int bench(List<String> options, PrintStream out, PrintStream err) {
        try {
            return BenchCommand.run(options, out, err);
        } catch (UsageException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILED;
        } catch (Exception e) {
            err.println("newsflow bench: failed: " + e);
            return FAILED;
        }
    }

    private static Demo.Options demoOptions(List<String> options) {
        boolean once = options.remove("--once");
        boolean json = options.remove("--json");
        Duration timeout = Duration.ofMinutes(3);
        int index = options.indexOf("--timeout");
        if (index >= 0) {
            if (index + 1 >= options.size()) {
                throw new UsageException("--timeout needs a duration such as 90s or 5m");
            }
            timeout = parseDuration(options.get(index + 1));
            options.subList(index, index + 2).clear();
        }
        remaining(options);
        return new Demo.Options(once, json, timeout);
    }

    private static Optional<Path> configFile(List<String> options) {
        int index = options.indexOf("--config");
        if (index < 0) {
            return Optional.empty();
        }
        if (index + 1 >= options.size()) {
            throw new UsageException("--config needs a file");
        }
        Path file = Path.of(options.get(index + 1));
        options.subList(index, index + 2).clear();
        return Optional.of(file);
    }

    private static List<String> remaining(List<String> options) {
        if (!options.isEmpty()) {
            throw new UsageException("unknown option(s) " + String.join(" ", options));
        }
        return options;
    }

    static Duration parseDuration(String text) {
        try {
            return Setting.parseDuration(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("'" + text + "' is not a duration such as 90s or 5m");
        }
    }

    /** Applies one option and its value to what the options build up; returns null for an option it does not know. */
    @FunctionalInterface
    interface ValueOption<T> {
        T apply(T current, String option, String value);
    }

    /**
     * Reads {@code --name value} pairs in order into {@code initial}, e.g. a benchmark's options record. A missing
     * value, an unknown option and a value the option refuses ({@link IllegalArgumentException}) are usage errors.
     */
    static <T> T valueOptions(List<String> args, T initial, String usage, ValueOption<T> option) {
        List<String> rest = new ArrayList<>(args);
        T current = initial;
        while (!rest.isEmpty()) {
            String name = rest.remove(0);
            if (rest.isEmpty()) {
                throw new UsageException(name + " needs a value; usage: newsflow " + usage);
            }
            String value = rest.remove(0);
            T next;
            try {
                next = option.apply(current, name, value);
            } catch (IllegalArgumentException e) {
                throw new UsageException(name + " " + value + ": " + e.getMessage());
            }
            if (next == null) {
                throw new UsageException("unknown option " + name + "; usage: newsflow " + usage);
            }
            current = next;
        }
        return current;
    }

    /** A bad command line. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
