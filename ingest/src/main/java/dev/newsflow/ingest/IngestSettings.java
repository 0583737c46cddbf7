package dev.newsflow.ingest;

import dev.newsflow.ingest.fetch.FetchLimits;
import dev.newsflow.ingest.fulltext.FullTextMode;
import dev.newsflow.ingest.schedule.PollBounds;
import dev.newsflow.support.config.Config;
import dev.newsflow.support.config.ConfigException;
import dev.newsflow.support.config.Setting;
import dev.newsflow.support.config.Validators;
import dev.newsflow.support.kafka.KafkaSettings;
import dev.newsflow.support.ops.OpsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything ingest reads from the configuration, declared once, and the loaded values as a record.
 *
 * @param feedsFile            YAML feed list seeded into the feeds topic at start, null when the feeds come from
 *                             the topic alone
 * @param pollBounds           each feed's base poll interval, its bounds, jitter and backoff ceiling
 * @param fetchLimits          timeouts, size cap, redirects, User-Agent and allowed addresses of every HTTP fetch
 * @param fetchParallelism     how many feeds are fetched at the same time
 * @param perHostConcurrency   how many feeds of one host are fetched at the same time
 * @param perHostSpacing       shortest time between the starts of two feed fetches from one host
 * @param fullText             default full-text mode of feeds that do not set their own
 * @param fullTextMinChars     in {@code auto} mode, items with less text than this get their page fetched
 * @param transactionalIdPrefix prefix of the Kafka transactional id
 * @param instanceId           stable id of the (one) ingest instance; the transactional id is
 *                             {@code prefix-instanceId}
 * @param kafkaClient          Kafka client properties (bootstrap servers and pass-through settings)
 * @param topicPartitions      partitions of topics created at start (0 = each topic's default)
 * @param replicationFactor    replication factor of topics created at start
 * @param groupId              consumer group of the ingest instances, which share the feeds topic's partitions
 * @param sessionTimeout       how long a silent instance keeps its feeds before the group moves them
 */
public record IngestSettings(Path feedsFile, PollBounds pollBounds, FetchLimits fetchLimits, int fetchParallelism,
                             int perHostConcurrency, Duration perHostSpacing, FullTextMode fullText, int fullTextMinChars, String transactionalIdPrefix,
                             String instanceId, Map<String, Object> kafkaClient, int topicPartitions,
                             int replicationFactor, String groupId, Duration sessionTimeout) {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|b|kb|kib|mb|mib|gb|gib)");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    public static final Setting<Path> FEEDS_FILE = Setting.path("ingest.feeds-file",
                    "YAML file of feeds (feeds: [{id, url, title?, language?, full-text?, enabled?}]) upserted into"
                            + " the news.feeds topic at start: the file wins for its feeds, feeds only in the topic"
                            + " stay. Optional: without it ingest polls what news.feeds holds (newsflow feeds add|import)")
            .optionalWithoutDefault();

    public static final Setting<String> GROUP_ID = Setting.string("ingest.group-id",
                    "Kafka consumer group of the ingest instances: each instance polls the feeds of the news.feeds"
                            + " partitions the group assigns it, so instances with the same group share the feeds")
            .withDefault("newsflow-ingest").validatedBy(Validators.notBlank());

    public static final Setting<Duration> SESSION_TIMEOUT = KafkaSettings.sessionTimeout("ingest.session-timeout",
            "how long an instance may be silent (crashed, cut off) before the group moves its feeds to the"
                            + " others; within the broker's group.min/max.session.timeout.ms (6 s to 30 min by default)");

    public static final Setting<Duration> POLL_INTERVAL = Setting.duration("ingest.poll-interval",
                    "a feed's poll interval when its server and the feed give no hint (Cache-Control max-age, Expires,"
                            + " RSS ttl, sy:updatePeriod); between ingest.poll.min-interval and ingest.poll.max-interval")
            .withDefault(Duration.ofMinutes(5)).validatedBy(Validators.positive());

    public static final Setting<Duration> MIN_INTERVAL = Setting.duration("ingest.poll.min-interval",
                    "shortest interval between two polls of one feed, whatever its server asks for")
            .withDefault(Duration.ofMinutes(1)).validatedBy(Validators.positive());

    public static final Setting<Duration> MAX_INTERVAL = Setting.duration("ingest.poll.max-interval",
                    "longest interval between two polls of a healthy feed, whatever its server or the feed says")
            .withDefault(Duration.ofHours(6)).validatedBy(Validators.positive());

    public static final Setting<Double> JITTER = Setting.structured("ingest.poll.jitter", "fraction",
                    IngestSettings::parseFraction,
                    "up to this fraction of each interval is added at random (0.1 = up to +10%), so feeds spread out;"
                            + " never subtracted, so no feed is polled sooner than allowed")
            .withDefault(0.1)
            .validatedBy(value -> value >= 0 && value <= 1 ? Optional.empty()
                    : Optional.of("must be between 0 and 1, got " + value));

    public static final Setting<Duration> MAX_BACKOFF = Setting.duration("ingest.poll.max-backoff",
                    "ceiling of the exponential backoff (poll interval x 2^(failures-1)) of a failing feed")
            .withDefault(Duration.ofHours(24)).validatedBy(Validators.positive());

    public static final Setting<Integer> PER_HOST_CONCURRENCY = Setting.integer("ingest.fetch.per-host-concurrency",
                    "how many feeds of one host are fetched at the same time; a feed due while its host is busy waits")
            .withDefault(2).validatedBy(Validators.between(1, 64));

    public static final Setting<Duration> PER_HOST_SPACING = Setting.duration("ingest.fetch.per-host-spacing",
                    "shortest time between the starts of two feed fetches from the same host (0 for none)")
            .withDefault(Duration.ofSeconds(1))
            .validatedBy(value -> value.isNegative() ? Optional.of("must not be negative, got " + value)
                    : Optional.empty());

    public static final Setting<Duration> CONNECT_TIMEOUT = Setting.duration("ingest.fetch.connect-timeout",
                    "how long to wait for a TCP/TLS connection to a feed or page host")
            .withDefault(Duration.ofSeconds(10)).validatedBy(Validators.positive());

    public static final Setting<Duration> FETCH_TIMEOUT = Setting.duration("ingest.fetch.timeout",
                    "longest time one fetch may take in all, redirects and body included")
            .withDefault(Duration.ofSeconds(10)).validatedBy(Validators.positive());

    public static final Setting<Long> MAX_RESPONSE_BYTES = size("ingest.fetch.max-bytes",
                    "largest response body accepted, counted after decompression (e.g. 10MB, 512KB, 1048576)")
            .withDefault(10L * 1024 * 1024)
            .validatedBy(value -> value < 1024 ? Optional.of("must be at least 1KB, got " + value) : Optional.empty());

    public static final Setting<Boolean> ALLOW_PRIVATE_ADDRESSES = Setting.bool(
                    "ingest.fetch.allow-private-addresses",
                    "fetch feeds, redirects and pages on hosts that resolve to loopback, private, link-local or other"
                            + " non-public addresses (off: such fetches fail as FORBIDDEN_ADDRESS, so no feed can make"
                            + " ingest probe its own network)")
            .withDefault(false);

    public static final Setting<List<String>> TRUSTED_HOSTS = Setting.list("ingest.fetch.trusted-hosts",
                    "host names (or IP literals) fetched even though they resolve to non-public addresses, e.g. an "
                            + "internal feed server; exact names, no wildcards; every other host stays refused")
            .withDefault(List.of())
            .validatedBy(hosts -> hosts.stream()
                    .filter(host -> host.isBlank() || !host.matches("[A-Za-z0-9._:\\[\\]-]+"))
                    .findFirst()
                    .map(host -> "must be host names or IP literals without scheme, port or path, got '" + host + "'"));

    public static final Setting<Integer> MAX_REDIRECTS = Setting.integer("ingest.fetch.max-redirects",
                    "redirects followed per fetch before giving up (so redirect loops end)")
            .withDefault(5).validatedBy(Validators.between(0, 20));

    public static final Setting<String> USER_AGENT = Setting.string("ingest.fetch.user-agent",
                    "User-Agent sent with every request; say who you are and where to reach you")
            .withDefault("newsflow/0.1 (+https://github.com/newsflow/newsflow)").validatedBy(Validators.notBlank());

    public static final Setting<Integer> FETCH_PARALLELISM = Setting.integer("ingest.fetch.parallelism",
                    "how many feeds are fetched at the same time")
            .withDefault(4).validatedBy(Validators.between(1, 64));

    public static final Setting<FullTextMode> FULL_TEXT = new Setting<FullTextMode>("ingest.full-text", "enum",
            raw -> FullTextMode.parse(raw.toString()), FullTextMode.AUTO, false, null,
            "default full-text mode (" + FullTextMode.names() + "); auto fetches the page of items that carry a lead only",
            false);

    public static final Setting<Integer> FULL_TEXT_MIN_CHARS = Setting.integer("ingest.full-text.min-chars",
                    "in auto mode, an item whose content has fewer characters of text than this counts as a lead")
            .withDefault(1200).validatedBy(Validators.between(0, 1_000_000));

    public static final Setting<String> TRANSACTIONAL_ID_PREFIX = Setting.string("ingest.transactional-id-prefix",
                    "prefix of the Kafka transactional id; the id is <prefix>-<instance-id>")
            .withDefault("newsflow-ingest").validatedBy(IngestSettings::validId);

    public static final Setting<String> INSTANCE_ID = Setting.string("ingest.instance-id",
                    "stable id of the ingest instance, part of its Kafka transactional id: keep it across restarts"
                            + " so the restarted instance fences its predecessor, and give each instance its own."
                            + " Default: the host name (HOSTNAME), unique per container or machine")
            .optionalWithoutDefault().validatedBy(IngestSettings::validId);

    public IngestSettings {
        Objects.requireNonNull(pollBounds, "pollBounds");
        Objects.requireNonNull(fetchLimits, "fetchLimits");
        Objects.requireNonNull(perHostSpacing, "perHostSpacing");
        Objects.requireNonNull(fullText, "fullText");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        kafkaClient = Map.copyOf(kafkaClient);
    }

    /** Settings with the default consumer group and session timeout. */
    public IngestSettings(Path feedsFile, PollBounds pollBounds, FetchLimits fetchLimits, int fetchParallelism,
                          int perHostConcurrency, Duration perHostSpacing, FullTextMode fullText,
                          int fullTextMinChars, String transactionalIdPrefix, String instanceId,
                          Map<String, Object> kafkaClient, int topicPartitions, int replicationFactor) {
        this(feedsFile, pollBounds, fetchLimits, fetchParallelism, perHostConcurrency, perHostSpacing, fullText,
                fullTextMinChars, transactionalIdPrefix, instanceId, kafkaClient, topicPartitions, replicationFactor,
                GROUP_ID.defaultValue(), SESSION_TIMEOUT.defaultValue());
    }

    /** Settings with the default poll bounds around {@code pollInterval} and the default per-host limits. */
    public IngestSettings(Path feedsFile, Duration pollInterval, FetchLimits fetchLimits, int fetchParallelism,
                          FullTextMode fullText, int fullTextMinChars, String transactionalIdPrefix,
                          String instanceId, Map<String, Object> kafkaClient, int topicPartitions,
                          int replicationFactor) {
        this(feedsFile, defaultBounds(pollInterval), fetchLimits, fetchParallelism,
                PER_HOST_CONCURRENCY.defaultValue(), PER_HOST_SPACING.defaultValue(), fullText, fullTextMinChars,
                transactionalIdPrefix, instanceId, kafkaClient, topicPartitions, replicationFactor);
    }

    /** A feed's poll interval when nothing says otherwise. */
    public Duration pollInterval() {
        return pollBounds.base();
    }

    public IngestSettings withPollBounds(PollBounds bounds) {
        return new IngestSettings(feedsFile, bounds, fetchLimits, fetchParallelism, perHostConcurrency,
                perHostSpacing, fullText, fullTextMinChars, transactionalIdPrefix, instanceId, kafkaClient,
                topicPartitions, replicationFactor, groupId, sessionTimeout);
    }

    public IngestSettings withPerHostLimits(int concurrency, Duration spacing) {
        return new IngestSettings(feedsFile, pollBounds, fetchLimits, fetchParallelism, concurrency, spacing,
                fullText, fullTextMinChars, transactionalIdPrefix, instanceId, kafkaClient, topicPartitions,
                replicationFactor, groupId, sessionTimeout);
    }

    /** These settings with another consumer group and session timeout (tests sharing a broker). */
    public IngestSettings withGroup(String group, Duration timeout) {
        return new IngestSettings(feedsFile, pollBounds, fetchLimits, fetchParallelism, perHostConcurrency,
                perHostSpacing, fullText, fullTextMinChars, transactionalIdPrefix, instanceId, kafkaClient,
                topicPartitions, replicationFactor, group, timeout);
    }

    private static PollBounds defaultBounds(Duration base) {
        Duration min = MIN_INTERVAL.defaultValue().compareTo(base) < 0 ? MIN_INTERVAL.defaultValue() : base;
        Duration max = MAX_INTERVAL.defaultValue().compareTo(base) > 0 ? MAX_INTERVAL.defaultValue() : base;
        Duration backoff = MAX_BACKOFF.defaultValue().compareTo(base) > 0 ? MAX_BACKOFF.defaultValue() : base;
        return new PollBounds(base, min, max, JITTER.defaultValue(), backoff);
    }

    /** The ingest settings alone. */
    public static List<Setting<?>> ingestSettings() {
        return List.of(FEEDS_FILE, POLL_INTERVAL, MIN_INTERVAL, MAX_INTERVAL, JITTER, MAX_BACKOFF, CONNECT_TIMEOUT,
                FETCH_TIMEOUT, MAX_RESPONSE_BYTES, MAX_REDIRECTS, ALLOW_PRIVATE_ADDRESSES, TRUSTED_HOSTS, USER_AGENT,
                FETCH_PARALLELISM, PER_HOST_CONCURRENCY, PER_HOST_SPACING, FULL_TEXT, FULL_TEXT_MIN_CHARS,
                TRANSACTIONAL_ID_PREFIX, INSTANCE_ID, GROUP_ID, SESSION_TIMEOUT);
    }

    /** Every setting ingest reads: its own, Kafka's and the ops endpoint's; give these to {@link Config#load}. */
    public static List<Setting<?>> all() {
        List<Setting<?>> all = new ArrayList<>(ingestSettings());
        all.addAll(KafkaSettings.all());
        all.addAll(OpsSettings.forService(OpsSettings.INGEST_PORT));
        return List.copyOf(all);
    }

    /**
     * Reads the loaded configuration (which must have been loaded with {@link #all()}).
     *
     * @throws ConfigException listing every poll setting that contradicts another
     */
    public static IngestSettings from(Config config) {
        List<String> problems = PollBounds.problems(config.get(POLL_INTERVAL), config.get(MIN_INTERVAL),
                config.get(MAX_INTERVAL), config.get(JITTER), config.get(MAX_BACKOFF));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        PollBounds bounds = new PollBounds(config.get(POLL_INTERVAL), config.get(MIN_INTERVAL),
                config.get(MAX_INTERVAL), config.get(JITTER), config.get(MAX_BACKOFF));
        FetchLimits limits = new FetchLimits(config.get(CONNECT_TIMEOUT), config.get(FETCH_TIMEOUT),
                config.get(MAX_RESPONSE_BYTES), config.get(MAX_REDIRECTS), config.get(USER_AGENT),
                config.get(ALLOW_PRIVATE_ADDRESSES), config.get(TRUSTED_HOSTS));
        return new IngestSettings(config.find(FEEDS_FILE).orElse(null), bounds, limits, config.get(FETCH_PARALLELISM),
                config.get(PER_HOST_CONCURRENCY), config.get(PER_HOST_SPACING), config.get(FULL_TEXT), config.get(FULL_TEXT_MIN_CHARS),
                config.get(TRANSACTIONAL_ID_PREFIX), config.find(INSTANCE_ID).orElseGet(IngestSettings::hostName),
                KafkaSettings.clientProperties(config), config.get(KafkaSettings.PARTITIONS),
                config.get(KafkaSettings.REPLICATION_FACTOR), config.get(GROUP_ID), config.get(SESSION_TIMEOUT));
    }

    /** The host name as an instance id: unique and stable per container or machine. */
    static String hostName() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                host = "ingest-1";
            }
        }
        String id = host.replaceAll("[^A-Za-z0-9._-]", "-");
        return id.length() > 100 ? id.substring(0, 100) : id;
    }

    /** The Kafka transactional id of this instance; stable across restarts so the new instance fences the old. */
    public String transactionalId() {
        return transactionalIdPrefix + "-" + instanceId;
    }

    /** A byte size written {@code 10MB}, {@code 512KB}, {@code 1GiB} or a plain number of bytes; units are binary. */
    static Setting<Long> size(String name, String doc) {
        return new Setting<>(name, "size", IngestSettings::parseSize, null, false, null, doc, false);
    }

    static double parseFraction(Object raw) {
        if (raw instanceof Number number) {
            return number.doubleValue();
        }
        try {
            return Double.parseDouble(raw.toString().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a fraction such as 0.1, got '" + raw + "'");
        }
    }

    static long parseSize(Object raw) {
        if (raw instanceof Number number) {
            return number.longValue();
        }
        Matcher matcher = SIZE.matcher(raw.toString().strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("expected a size such as 10MB, 512KB or 1048576, got '" + raw + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "kb", "kib" -> amount * 1024;
            case "mb", "mib" -> amount * 1024 * 1024;
            case "gb", "gib" -> amount * 1024 * 1024 * 1024;
            default -> amount;
        };
    }

    private static Optional<String> validId(String value) {
        return ID.matcher(value).matches()
                ? Optional.empty()
                : Optional.of("must be 1-100 letters, digits, '.', '_' or '-', got '" + value + "'");
    }
}
