package dev.newsflow.enrich.service;

import dev.newsflow.enrich.Enricher;
import dev.newsflow.enrich.kb.KnowledgeBase;
import dev.newsflow.support.config.Config;
import dev.newsflow.support.config.Setting;
import dev.newsflow.support.config.Validators;
import dev.newsflow.support.kafka.KafkaSettings;
import dev.newsflow.support.ops.OpsSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Every setting of the enrich service. */
public final class EnrichSettings {

    public static final Setting<String> GROUP_ID = Setting.string("enrich.group-id",
            "consumer group of the enrich instances; they share the raw topic's partitions")
            .withDefault("newsflow-enrich").validatedBy(Validators.notBlank());

    public static final Setting<String> INSTANCE_ID = Setting.string("enrich.instance-id",
            "id of this instance, unique among running instances and stable across its restarts: it names the "
                    + "transactional id, so a restarted instance aborts what its predecessor left open at once "
                    + "(unset: the host name)")
            .optionalWithoutDefault().validatedBy(Validators.notBlank());

    public static final Setting<Integer> MAX_RECORD_BYTES = Setting.integer("enrich.max-record-bytes",
            "largest enriched record written; larger ones go to the dead-letter topic (keep it under the "
                    + "producer's max.request.size and the topic's max.message.bytes)")
            .withDefault(1_000_000).validatedBy(Validators.between(10_000, 100_000_000));

    public static final Setting<List<String>> LANGUAGES = Setting.list("enrich.languages",
            "ISO 639-1 codes the language detector chooses from (each adds memory)")
            .withDefault(List.of("pl", "en", "de", "fr", "es", "it", "ru", "uk", "cs"))
            .validatedBy(Validators.notEmpty());

    public static final Setting<Path> KNOWLEDGE_BASE = Setting.path("enrich.knowledge-base",
            "YAML knowledge base that extends or overrides the bundled one (entities by id)")
            .optionalWithoutDefault().validatedBy(Validators.readableFile());

    public static final Setting<Duration> SESSION_TIMEOUT = KafkaSettings.sessionTimeout("enrich.session-timeout",
            "how long an instance may be silent (crashed, cut off) before its partitions move to the others; "
                            + "within the broker's group.min/max.session.timeout.ms (6 s to 30 min by default)");

    public static final Setting<Integer> THREADS = Setting.integer("enrich.threads",
            "enrich loops in this instance, each a consumer-group member with its own transactional producer; up to "
                    + "one per core helps, more than the raw topic's partitions idle")
            .withDefault(1).validatedBy(Validators.between(1, 256));

    public static final Setting<Duration> POLL_TIMEOUT = Setting.duration("enrich.poll-timeout",
            "how long one poll of the raw topic waits for records")
            .withDefault(Duration.ofMillis(500)).validatedBy(Validators.positive());

    public static final Setting<Integer> MAX_POLL_RECORDS = Setting.integer("enrich.max-poll-records",
            "raw articles enriched per transaction at most")
            .withDefault(200).validatedBy(Validators.between(1, 10_000));

    public static final Setting<Integer> MAX_TRANSACTION_RETRIES = Setting.integer("enrich.max-transaction-retries",
            "consecutive aborted transactions tolerated before the service stops")
            .withDefault(10).validatedBy(Validators.between(1, 1_000));

    public static final Setting<Boolean> LOW_ACCURACY_LANGUAGE_DETECTION = Setting.bool(
                    "enrich.language-detection.low-accuracy",
                    "use Lingua's low-accuracy models: about 19 MB instead of 270 MB for nine languages, as good on "
                            + "article-length text")
            .withDefault(true);

    public static final Setting<Integer> WARM_UP_ARTICLES = Setting.integer("enrich.warm-up-articles",
                    "generated articles enriched and serialised before the loops join the consumer group, so that "
                            + "the JIT has compiled enrichment before partitions are taken (cold, the first thousands "
                            + "of articles cost several times as much CPU); 0 for none")
            .withDefault(0).validatedBy(Validators.between(0, 100_000));

    private EnrichSettings() {
    }

    /** The configured instance id, else the host name, which is unique and stable per container or machine. */
    public static String instanceId(Config config) {
        return config.find(INSTANCE_ID).orElseGet(EnrichSettings::hostName);
    }

    private static String hostName() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "enrich-1";
            }
        }
        return host;
    }

    /** The enricher these settings describe: bundled knowledge base, extended by the user's file if given. */
    public static Enricher enricher(Config config, Clock clock) {
        KnowledgeBase knowledgeBase = config.find(KNOWLEDGE_BASE)
                .map(path -> KnowledgeBase.bundled().mergedWith(KnowledgeBase.load(path)))
                .orElseGet(KnowledgeBase::bundled);
        return Enricher.builder()
                .knowledgeBase(knowledgeBase)
                .languages(config.get(LANGUAGES))
                .lowAccuracyLanguageDetection(config.get(LOW_ACCURACY_LANGUAGE_DETECTION))
                .clock(clock)
                .build();
    }

    public static List<Setting<?>> all() {
        List<Setting<?>> settings = new ArrayList<>(KafkaSettings.all());
        settings.addAll(List.of(GROUP_ID, INSTANCE_ID, SESSION_TIMEOUT, THREADS, LANGUAGES, KNOWLEDGE_BASE, POLL_TIMEOUT, MAX_POLL_RECORDS,
                MAX_TRANSACTION_RETRIES, LOW_ACCURACY_LANGUAGE_DETECTION, MAX_RECORD_BYTES, WARM_UP_ARTICLES));
        settings.addAll(OpsSettings.forService(OpsSettings.ENRICH_PORT));
        return List.copyOf(settings);
    }
}
