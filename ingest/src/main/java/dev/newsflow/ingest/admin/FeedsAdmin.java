package dev.newsflow.ingest.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsflow.contract.FeedConfig;
import dev.newsflow.contract.FeedState;
import dev.newsflow.contract.Json;
import dev.newsflow.ingest.FeedCatalog;
import dev.newsflow.ingest.IngestSettings;
import dev.newsflow.ingest.feed.FeedConfigs;
import dev.newsflow.ingest.feed.FeedDefinition;
import dev.newsflow.ingest.kafka.IngestTopics;
import dev.newsflow.ingest.kafka.KafkaFeedCatalog;
import dev.newsflow.ingest.opml.OpmlImport;
import dev.newsflow.support.config.Config;
import dev.newsflow.support.config.Setting;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code newsflow feeds add|list|disable|enable|import}: manages the feeds ingest polls, in the compacted feeds
 * topic. Running ingest instances pick changes up without a restart. Exit codes: 0 done, 1 failed (one line on
 * stderr says why), 2 bad usage.
 */
public final class FeedsAdmin {

    /** Feeds written to news.feeds per batch when importing, with a progress line after each on large imports. */
    private static final int IMPORT_CHUNK = 1_000;

    public static final String USAGE = """
            usage: newsflow feeds add ID URL [--title T] [--language L] [--full-text auto|always|never]
                                     [--min-interval 10m] [--max-interval 2h]
                   newsflow feeds list [--json]
                   newsflow feeds disable ID | enable ID
                   newsflow feeds import FILE.opml""";

    /** What the command line asks for. */
    sealed interface Command {
        record Add(FeedConfig feed) implements Command {
        }

        record ListFeeds(boolean json) implements Command {
        }

        record SetEnabled(String feedId, boolean enabled) implements Command {
        }

        record Import(Path opml) implements Command {
        }
    }

    /** The command line is wrong. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    private FeedsAdmin() {
    }

    /**
     * Runs a feeds command against the Kafka cluster of a configuration loaded with
     * {@link dev.newsflow.ingest.IngestService#settings()}.
     *
     * @param args the arguments after {@code feeds}, e.g. {@code [add, bbc, https://...]}
     * @return the exit code
     */
    public static int run(List<String> args, Config config, PrintStream out, PrintStream err) {
        return run(args, () -> {
            IngestSettings settings = IngestSettings.from(config);
            return new KafkaFeedCatalog(settings.kafkaClient(), IngestTopics.CONTRACT, settings.topicPartitions(),
                    settings.replicationFactor(), Duration.ofMinutes(1));
        }, out, err);
    }

    /** Runs a feeds command against a catalog opened only once the command line is known to be right. */
    public static int run(List<String> args, Supplier<FeedCatalog> catalogs, PrintStream out, PrintStream err) {
        Command command;
        try {
            command = parse(args);
        } catch (UsageException e) {
            err.println("newsflow feeds: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try (FeedCatalog catalog = catalogs.get()) {
            return execute(command, catalog, out, err);
        } catch (RuntimeException e) {
            err.println("newsflow feeds: " + firstLine(e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        }
    }

    static Command parse(List<String> args) throws UsageException {
        if (args.isEmpty()) {
            throw new UsageException("a subcommand is required");
        }
        List<String> rest = args.subList(1, args.size());
        return switch (args.get(0)) {
            case "add" -> add(rest);
            case "list" -> {
                if (rest.size() > 1 || (rest.size() == 1 && !rest.get(0).equals("--json"))) {
                    throw new UsageException("list takes only --json");
                }
                yield new Command.ListFeeds(rest.size() == 1);
            }
            case "disable", "enable" -> {
                if (rest.size() != 1) {
                    throw new UsageException(args.get(0) + " takes one feed id");
                }
                yield new Command.SetEnabled(rest.get(0), args.get(0).equals("enable"));
            }
            case "import" -> {
                if (rest.size() != 1) {
                    throw new UsageException("import takes one OPML file");
                }
                yield new Command.Import(Path.of(rest.get(0)));
            }
            default -> throw new UsageException("unknown subcommand '" + args.get(0) + "'");
        };
    }

    private static Duration duration(String option, String value) throws UsageException {
        try {
            return Setting.parseDuration(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
    }

    private static Command add(List<String> args) throws UsageException {
        List<String> positional = new ArrayList<>();
        String title = null;
        String language = null;
        String fullText = null;
        Duration minInterval = null;
        Duration maxInterval = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--")) {
                if (i + 1 >= args.size()) {
                    throw new UsageException(arg + " needs a value");
                }
                String value = args.get(++i);
                switch (arg) {
                    case "--title" -> title = value;
                    case "--language" -> language = value;
                    case "--full-text" -> fullText = value;
                    case "--min-interval" -> minInterval = duration(arg, value);
                    case "--max-interval" -> maxInterval = duration(arg, value);
                    default -> throw new UsageException("unknown option " + arg);
                }
            } else {
                positional.add(arg);
            }
        }
        if (positional.size() != 2) {
            throw new UsageException("add takes a feed id and a URL");
        }
        FeedConfig feed = new FeedConfig(positional.get(0), positional.get(1), title, language, fullText, true,
                minInterval, maxInterval);
        List<String> problems = FeedConfigs.problems(feed);
        if (!problems.isEmpty()) {
            throw new UsageException(String.join("; ", problems));
        }
        return new Command.Add(feed);
    }

    static int execute(Command command, FeedCatalog catalog, PrintStream out, PrintStream err) {
        if (command instanceof Command.Add add) {
            catalog.put(List.of(add.feed()));
            out.println("feed " + add.feed().id() + " added: " + add.feed().url());
            return 0;
        }
        if (command instanceof Command.ListFeeds list) {
            list(catalog, list.json(), out);
            return 0;
        }
        if (command instanceof Command.SetEnabled set) {
            FeedConfig current = catalog.feeds().get(set.feedId());
            if (current == null) {
                err.println("newsflow feeds: no feed with id '" + set.feedId() + "'");
                return 1;
            }
            catalog.put(List.of(current.withEnabled(set.enabled())));
            out.println("feed " + set.feedId() + (set.enabled() ? " enabled" : " disabled"));
            return 0;
        }
        Command.Import importing = (Command.Import) command;
        byte[] document;
        try {
            document = Files.readAllBytes(importing.opml());
        } catch (IOException e) {
            err.println("newsflow feeds: cannot read " + importing.opml() + ": " + e.getMessage());
            return 1;
        }
        OpmlImport.Result result;
        try {
            result = OpmlImport.parse(document);
        } catch (IllegalArgumentException e) {
            err.println("newsflow feeds: " + importing.opml() + ": " + e.getMessage());
            return 1;
        }
        result.problems().forEach(problem -> err.println("newsflow feeds: skipped " + problem));
        List<FeedConfig> configs = new ArrayList<>();
        for (FeedDefinition feed : result.feeds()) {
            FeedConfig config = FeedConfigs.fromDefinition(feed);
            // the OPML carries no full-text choice: leave it to ingest.full-text
            configs.add(new FeedConfig(config.id(), config.url(), config.title(), config.language(), null,
                    config.enabled(), null, null));
        }
        for (int from = 0; from < configs.size(); from += IMPORT_CHUNK) {
            int to = Math.min(configs.size(), from + IMPORT_CHUNK);
            catalog.put(configs.subList(from, to));
            if (configs.size() > IMPORT_CHUNK) {
                err.printf(java.util.Locale.ROOT, "newsflow feeds: imported %,d of %,d feeds%n", to, configs.size());
            }
        }
        out.println(configs.size() + " feeds imported, " + result.problems().size() + " skipped");
        return 0;
    }

    private static void list(FeedCatalog catalog, boolean json, PrintStream out) {
        Map<String, FeedConfig> feeds = new TreeMap<>(catalog.feeds());
        Map<String, FeedState> states = catalog.states();
        ObjectMapper mapper = Json.mapper();
        for (FeedConfig feed : feeds.values()) {
            FeedState state = states.get(feed.id());
            if (json) {
                ObjectNode line = mapper.valueToTree(feed);
                line.set("state", state == null ? null : mapper.valueToTree(state));
                out.println(line);
            } else {
                out.println(String.join("\t", feed.id(), feed.url(), feed.enabled() ? "enabled" : "disabled",
                        state == null ? "never polled" : "status " + state.lastStatus()
                                + (state.disabled() ? " gone: " + state.disabledReason() : "")
                                + ", next poll " + (state.nextPollAt() == null ? "never" : state.nextPollAt())
                                + ", failures " + state.consecutiveFailures()));
            }
        }
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
