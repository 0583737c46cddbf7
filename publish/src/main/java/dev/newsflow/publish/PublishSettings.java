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
                    "webhook subscribers: each {id, url, secret (whsec_...) or secrets [...], "
                            + "filter {tags, languages, sources, feeds}, enabled}")
            .withDefault(List.of());

    public static final Setting<Duration> REQUEST_TIMEOUT = Setting.duration("publish.webhook.timeout",
                    "how long a subscriber has to answer one webhook request")
            .withDefault(Duration.ofSeconds(10)).validatedBy(Validators.positive())
            .validatedBy(atMost(Duration.ofMinutes(2)));

    public static final Setting<List<Duration>> RETRY_SCHEDULE = Setting.structured("publish.webhook.retry-schedule",
                    "list of durations", PublishSettings::durations,
                    "delay before each delivery attempt (the last repeats), each jittered by up to 20%")
            .withDefault(RetrySchedule.STANDARD_WEBHOOKS_DELAYS).validatedBy(Validators.notEmpty());

    public static final Setting<Integer> MAX_ATTEMPTS = Setting.integer("publish.webhook.max-attempts",
                    "delivery attempts per article and subscription before it goes to the dead-letter topic")
            .withDefault(RetrySchedule.DEFAULT_MAX_ATTEMPTS).validatedBy(Validators.between(1, 100));

    public static final Setting<Boolean> ALLOW_PRIVATE_TARGETS = Setting.bool("publish.allow-private-targets",
                    "allow webhook URLs that resolve to loopback, private, link-local or other non-public addresses")
            .withDefault(false);

    private PublishSettings() {
    }

    /** The publish settings and the Kafka settings the service reads. */
    public static List<Setting<?>> settings() {
        List<Setting<?>> settings = new ArrayList<>(List.of(SUBSCRIPTIONS, REQUEST_TIMEOUT, RETRY_SCHEDULE,
                MAX_ATTEMPTS, ALLOW_PRIVATE_TARGETS));
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

    private static Function<Duration, Optional<String>> atMost(Duration maximum) {
        return value -> value.compareTo(maximum) > 0
                ? Optional.of("must be at most " + maximum + " (the Kafka consumer waits while a request runs), got "
                        + value)
                : Optional.empty();
    }
}
