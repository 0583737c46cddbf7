package dev.newsflow.publish;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsflow.contract.Json;
import dev.newsflow.publish.store.FailedDeliveries;
import dev.newsflow.publish.store.SubscriptionStore;
import dev.newsflow.publish.subscription.FailedDelivery;
import dev.newsflow.publish.subscription.StoredSubscription;
import dev.newsflow.publish.subscription.SubscriptionException;
import dev.newsflow.publish.subscription.SubscriptionOperations;
import dev.newsflow.publish.subscription.SubscriptionView;
import dev.newsflow.support.config.Config;
import dev.newsflow.support.kafka.KafkaSettings;
import dev.newsflow.support.kafka.TopicCreator;
import dev.newsflow.support.net.TargetGuard;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code newsflow subscriptions list|add|pause|resume|delete|replay|failed}: manages the subscriptions in
 * {@code news.subscriptions} directly through Kafka, without a running publish service; running instances pick the
 * changes up without a restart. Secrets are never printed.
 */
public final class SubscriptionsAdmin {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    public static final String USAGE_TEXT = """
            subscriptions list [--json]
            subscriptions add ID (--url URL --secret whsec_... [--secret ...] | --pull)
                              [--tags A,B] [--tags-all A,B] [--sources ID-OR-ROLE,...] [--languages pl,en] [--feeds F,...]
            subscriptions pause|resume|delete ID
            subscriptions replay ID --from 2025-03-01T10:00:00Z
            subscriptions failed ID
            """;

    private SubscriptionsAdmin() {
    }

    /** A command line the admin does not understand. */
    public static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /** A parsed command. */
    record Command(String verb, String id, ObjectNode body, Instant from, boolean json) {
    }

    /** Runs the command against the cluster of {@code config}; returns the exit code. */
    public static int run(List<String> args, Config config, PrintStream out, PrintStream err) {
        Command command;
        try {
            command = parse(args);
        } catch (UsageException e) {
            err.println("newsflow: " + e.getMessage());
            err.print("usage: newsflow " + USAGE_TEXT.replace("\nsubscriptions", "\n       newsflow subscriptions"));
            return USAGE;
        }
        Map<String, Object> client = KafkaSettings.clientProperties(config);
        TopicCreator.ensureTopics(client, PublishService.topics(), config.get(KafkaSettings.PARTITIONS),
                config.get(KafkaSettings.REPLICATION_FACTOR));
        TargetGuard guard = config.get(PublishSettings.ALLOW_PRIVATE_TARGETS)
                ? TargetGuard.allowingPrivateTargets() : TargetGuard.refusingPrivateTargets();
        try (SubscriptionStore store = SubscriptionStore.open(client);
             FailedDeliveries failed = new FailedDeliveries(client);
             SubscriptionManager manager = new SubscriptionManager(client, store, failed, Clock.systemUTC(), guard,
                     null)) {
            store.follow(id -> { });
            return execute(command, manager, out);
        } catch (SubscriptionException e) {
            err.println("newsflow: " + e.getMessage());
            return e.kind() == SubscriptionException.Kind.INVALID ? USAGE : FAILED;
        }
    }

    static Command parse(List<String> args) throws UsageException {
        if (args.isEmpty()) {
            throw new UsageException("subscriptions needs a command: list, add, pause, resume, delete, replay or failed");
        }
        String verb = args.get(0);
        List<String> rest = new ArrayList<>(args.subList(1, args.size()));
        switch (verb) {
            case "list" -> {
                boolean json = rest.remove("--json");
                noneLeft(rest);
                return new Command(verb, null, null, null, json);
            }
            case "pause", "resume", "delete", "failed" -> {
                String id = id(rest, verb);
                noneLeft(rest);
                return new Command(verb, id, null, null, false);
            }
            case "replay" -> {
                String id = id(rest, verb);
                String from = option(rest, "--from");
                noneLeft(rest);
                if (from == null) {
                    throw new UsageException("replay needs --from TIME, e.g. --from 2025-03-01T10:00:00Z");
                }
                try {
                    return new Command(verb, id, null, OffsetDateTime.parse(from).toInstant(), false);
                } catch (DateTimeParseException e) {
                    throw new UsageException("--from must be an ISO 8601 time with an offset, "
                            + "e.g. 2025-03-01T10:00:00Z");
                }
            }
            case "add" -> {
                return new Command(verb, null, addBody(rest), null, false);
            }
            default -> throw new UsageException("unknown subscriptions command '" + verb + "'");
        }
    }

    private static ObjectNode addBody(List<String> rest) throws UsageException {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("id", id(rest, "add"));
        ObjectNode filter = body.putObject("filter");
        ObjectNode delivery = body.putObject("delivery");
        ArrayNode secrets = Json.mapper().createArrayNode();
        boolean pull = false;
        for (int index = 0; index < rest.size(); index++) {
            String option = rest.get(index);
            if (option.equals("--pull")) {
                pull = true;
                continue;
            }
            if (index + 1 >= rest.size()) {
                throw new UsageException(option + " needs a value");
            }
            String value = rest.get(++index);
            switch (option) {
                case "--url" -> delivery.put("url", value);
                case "--secret" -> secrets.add(value);
                case "--tags" -> list(filter, "tags", value);
                case "--tags-all" -> list(filter, "tagsAll", value);
                case "--sources" -> list(filter, "sources", value);
                case "--languages" -> list(filter, "languages", value);
                case "--feeds" -> list(filter, "feeds", value);
                default -> throw new UsageException("unknown option '" + option + "' for add");
            }
        }
        delivery.put("type", pull ? "pull" : "webhook");
        if (!secrets.isEmpty()) {
            delivery.set("secrets", secrets);
        }
        return body;
    }

    private static void list(ObjectNode filter, String name, String value) {
        ArrayNode values = filter.putArray(name);
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                values.add(item.strip());
            }
        }
    }

    private static String id(List<String> rest, String verb) throws UsageException {
        if (rest.isEmpty() || rest.get(0).startsWith("--")) {
            throw new UsageException(verb + " needs a subscription id");
        }
        return rest.remove(0);
    }

    private static String option(List<String> rest, String name) throws UsageException {
        int index = rest.indexOf(name);
        if (index < 0) {
            return null;
        }
        if (index + 1 >= rest.size()) {
            throw new UsageException(name + " needs a value");
        }
        String value = rest.get(index + 1);
        rest.subList(index, index + 2).clear();
        return value;
    }

    private static void noneLeft(List<String> rest) throws UsageException {
        if (!rest.isEmpty()) {
            throw new UsageException("unexpected argument '" + rest.get(0) + "'");
        }
    }

    static int execute(Command command, SubscriptionOperations operations, PrintStream out) {
        switch (command.verb()) {
            case "list" -> {
                List<StoredSubscription> all = operations.list();
                if (command.json()) {
                    out.println(Json.write(all.stream().map(SubscriptionView::of).toList()));
                } else {
                    all.forEach(subscription -> out.println(line(subscription)));
                    if (all.isEmpty()) {
                        out.println("no subscriptions");
                    }
                }
            }
            case "add" -> out.println("created " + line(operations.create(command.body())));
            case "pause" -> out.println(line(operations.pause(command.id())));
            case "resume" -> out.println(line(operations.resume(command.id())));
            case "delete" -> {
                operations.delete(command.id());
                out.println("deleted " + command.id());
            }
            case "replay" -> {
                SubscriptionOperations.Replay replay = operations.replay(command.id(), command.from());
                out.println(command.id() + " replays from " + replay.from() + " (" + replay.partitions()
                        + " partitions moved)");
            }
            case "failed" -> {
                List<FailedDelivery> failed = operations.failed(command.id());
                failed.forEach(delivery -> out.println(delivery.articleId() + "\t" + delivery.attempts()
                        + " attempts\t" + delivery.failedAt() + "\t" + delivery.lastError()));
                out.println(failed.size() + " failed deliveries");
            }
            default -> throw new IllegalStateException("unknown command " + command.verb());
        }
        return OK;
    }

    /** One line per subscription: id, state, delivery (URL without query), origin, filter. No secrets. */
    static String line(StoredSubscription subscription) {
        return subscription.id() + "\t" + subscription.state().label()
                + (subscription.stateReason() == null ? "" : " (" + subscription.stateReason() + ")") + "\t"
                + subscription.delivery().describe() + "\t" + subscription.origin().name().toLowerCase(
                java.util.Locale.ROOT) + "\t" + (subscription.filter().matchesEverything() ? "everything"
                : subscription.filter());
    }
}
