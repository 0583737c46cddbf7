package dev.newsflow.contract;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * CloudEvents Kafka protocol binding, binary content mode: the record value is the JSON event data and the event
 * attributes travel as {@code ce_*} headers, so CloudEvents SDKs read newsflow topics as they are.
 */
public final class CloudEvents {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";

    public static final String RAW_ARTICLE_TYPE = "dev.newsflow.article.raw.v1";
    public static final String ENRICHED_ARTICLE_TYPE = "dev.newsflow.article.enriched.v1";

    private CloudEvents() {
    }

    /** Headers of a raw article event; the id changes when the article is republished as an update. */
    public static Headers forRaw(RawArticle article) {
        return headers(eventId(article), "/newsflow/ingest/" + article.feedId(), RAW_ARTICLE_TYPE, article.id(),
                article.fetched());
    }

    /** Headers of an enriched article event; one event per published version of the raw article. */
    public static Headers forEnriched(EnrichedArticle article) {
        return headers(eventId(article.article()), "/newsflow/enrich", ENRICHED_ARTICLE_TYPE, article.id(),
                article.enrichedAt());
    }

    /** Reads one header as a string, or null when absent. */
    public static String header(Headers headers, String name) {
        var header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String eventId(RawArticle article) {
        return article.fetched() == null ? article.id() : article.id() + "-" + article.fetched().toEpochMilli();
    }

    private static Headers headers(String id, String source, String type, String subject, Instant time) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, SPEC_VERSION, "1.0");
        add(headers, ID, id);
        add(headers, SOURCE, source);
        add(headers, TYPE, type);
        add(headers, SUBJECT, subject);
        if (time != null) {
            add(headers, TIME, time.toString());
        }
        add(headers, CONTENT_TYPE, "application/json");
        return headers;
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
