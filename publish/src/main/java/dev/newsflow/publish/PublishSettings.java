package dev.newsflow.publish;

import dev.newsflow.publish.subscription.Subscription;
import dev.newsflow.publish.subscription.SubscriptionsParser;
import dev.newsflow.publish.webhook.RetrySchedule;
import dev.newsflow.support.config.Setting;
import dev.newsflow.support.config.Validators;
import dev.newsflow.support.kafka.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The settings of the publish service, declared once. */
public final class PublishSettings {

    public static final Setting<List<Subscription>> SUBSCRIPTIONS = Setting.structured("publish.subscriptions",
                    "list of subscriptions", SubscriptionsParser::parse,
                    "webhook subscribers declared in the configuration, upserted into news.subscriptions at start: "
                            + "each {id, url, secret (whsec_...) or secrets [...], "
                            + "filter {tags, tagsAll, languages, sources, feeds}, enabled}")
            .withDefault(List.of());

    public static final Setting<List<String>> API_KEYS = Setting.list("publish.api.keys",
                    "keys accepted by the subscriptions API (/api/v1/subscriptions) as 'Authorization: Bearer <key>', "
                            + "each at least 16 characters; none: the API answers 404")
            .withDefault(List.of()).masked()
            .validatedBy(keys -> keys.stream().anyMatch(key -> key.length() < 16 || key.chars()
                    .anyMatch(c -> c <= ' ' || c > '~'))
                    ? Optional.of("each key must be at least 16 printable ASCII characters without spaces")
                    : Optional.empty());

    public static final Setting<Duration> REQUEST_TIMEOUT = Setting.duration("publish.webhook.timeout",
                    "how long a subscriber has to answer one webhook request")
            .withDefault(Duration.ofSeconds(10)).validatedBy(Validators.positive())
            .validatedBy(atMost(Duration.ofMinutes(2), "a stopping service waits for the requests in flight"));

    public static final Setting<List<Duration>> RETRY_SCHEDULE = Setting.structured("publish.webhook.retry-schedule",
                    "list of durations", PublishSettings::durations,
                    "delay before each delivery attempt (the last repeats), each jittered by up to 20%")
            .withDefault(RetrySchedule.STANDARD_WEBHOOKS_DELAYS).validatedBy(Validators.notEmpty());

    public static final Setting<Integer> MAX_ATTEMPTS = Setting.integer("publish.webhook.max-attempts",
                    "delivery attempts per article and subscription before it is kept in news.deliveries.failed")
            .withDefault(RetrySchedule.DEFAULT_MAX_ATTEMPTS).validatedBy(Validators.between(1, 100));

    public static final Setting<Integer> MAX_IN_FLIGHT = Setting.integer("publish.webhook.max-in-flight",
                    "webhook requests in flight at once per subscription (and connections to it); offsets are "
                            + "committed up to the oldest unfinished one")
            .withDefault(8).validatedBy(Validators.between(1, 1024));

    public static final Setting<Duration> SESSION_TIMEOUT = KafkaSettings.sessionTimeout("publish.session-timeout",
            "how long a publish instance may be silent (crashed, cut off) before its subscriptions' partitions "
                            + "move to another instance; within the broker's group.min/max.session.timeout.ms "
                            + "(6 s to 30 min by default)");

    public static final Setting<Boolean> ALLOW_PRIVATE_TARGETS = Setting.bool("publish.allow-private-targets",
                    "allow webhook URLs that resolve to loopback, private, link-local or other non-public addresses")
            .withDefault(false);

    public static final Setting<Boolean> HTTP_ENABLED = Setting.bool("publish.http.enabled",
                    "serve the feeds (Atom, RSS, JSON Feed) and the Server-Sent Events stream over HTTP")
            .withDefault(true);

    public static final Setting<String> HTTP_HOST = Setting.string("publish.http.host",
                    "address the HTTP server listens on")
            .withDefault("0.0.0.0").validatedBy(Validators.notBlank());

    public static final Setting<Integer> HTTP_PORT = Setting.integer("publish.http.port",
                    "port of the HTTP server; 0 picks any free port")
            .withDefault(8082).validatedBy(Validators.between(0, 65535));

    public static final Setting<String> HTTP_PUBLIC_URL = Setting.string("publish.http.public-url",
                    "base URL readers reach the server at, used for links in the feeds; "
                            + "unset: taken from each request")
            .optionalWithoutDefault().validatedBy(Validators.httpUrl());

    public static final Setting<Integer> FEEDS_WINDOW = Setting.integer("publish.feeds.window",
                    "how many recent enriched articles each instance keeps in memory for the feeds and stream replay")
            .withDefault(5000).validatedBy(Validators.between(1, 1_000_000));

    public static final Setting<Duration> STREAM_KEEP_ALIVE = Setting.duration("publish.stream.keep-alive",
                    "interval of the comment lines that keep idle Server-Sent Events connections open")
            .withDefault(Duration.ofSeconds(15)).validatedBy(Validators.positive())
            .validatedBy(atMost(Duration.ofMinutes(10), "longer intervals let proxies close idle streams"));

    public static final Setting<Integer> STREAM_MAX_CLIENTS = Setting.integer("publish.stream.max-clients",
                    "concurrent Server-Sent Events clients per instance; more are refused with 503")
            .withDefault(10_000).validatedBy(Validators.between(1, 1_000_000));

    public static final Setting<Integer> STREAM_CLIENT_QUEUE = Setting.integer("publish.stream.client-queue",
                    "events queued for one slow stream client before it is disconnected")
            .withDefault(1000).validatedBy(Validators.between(1, 100_000));

    private PublishSettings() {
    }

    /** The publish settings and the Kafka settings the service reads. */
    public static List<Setting<?>> settings() {
        List<Setting<?>> settings = new ArrayList<>(List.of(SUBSCRIPTIONS, API_KEYS, REQUEST_TIMEOUT, RETRY_SCHEDULE,
                MAX_ATTEMPTS, MAX_IN_FLIGHT, ALLOW_PRIVATE_TARGETS, SESSION_TIMEOUT, HTTP_ENABLED, HTTP_HOST, HTTP_PORT, HTTP_PUBLIC_URL, FEEDS_WINDOW,
                STREAM_KEEP_ALIVE, STREAM_MAX_CLIENTS, STREAM_CLIENT_QUEUE));
        settings.addAll(KafkaSettings.all());
        return List.copyOf(settings);
    }

    /** A YAML list of durations, or comma-separated text such as {@code "0s, 5s, 5m"}. */
    private static List<Duration> durations(Object raw) {
        Function<Object, Duration> duration = Setting.duration("publish.webhook.retry-schedule", "").parser();
        List<?> items = raw instanceof List<?> list ? list : List.of(raw.toString().split(","));
        List<Duration> delays = new ArrayList<>();
        for (Object item : items) {
            Duration delay = duration.apply(item.toString().strip());
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delays must not be negative, got " + item);
            }
            delays.add(delay);
        }
        return List.copyOf(delays);
    }

    private static Function<Duration, Optional<String>> atMost(Duration maximum, String reason) {
        return value -> value.compareTo(maximum) > 0
                ? Optional.of("must be at most " + maximum + " (" + reason + "), got " + value)
                : Optional.empty();
    }
}
