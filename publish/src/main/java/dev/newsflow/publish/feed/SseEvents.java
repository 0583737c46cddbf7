package dev.newsflow.publish.feed;

import dev.newsflow.contract.EnrichedArticle;
import java.nio.charset.StandardCharsets;

/**
 * The Server-Sent Events the stream sends: {@code id: <article id>}, {@code event: article},
 * {@code data: <the enriched article as JSON on one line>}, with its HTML {@linkplain HtmlSanitizer sanitised} and
 * {@code < > &} escaped in the JSON.
 */
public final class SseEvents {

    /** Sent first: how long a browser waits before reconnecting, and a comment that commits the response. */
    public static final byte[] OPEN = "retry: 3000\n: newsflow stream\n\n".getBytes(StandardCharsets.UTF_8);
    public static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

    private SseEvents() {
    }

    public static byte[] article(EnrichedArticle article) {
        String data = FeedWriter.json(HtmlSanitizer.sanitize(article));
        return ("id: " + singleLine(article.id()) + "\nevent: article\ndata: " + data + "\n\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Without CR and LF, which would end the field (JSON from Jackson never has them raw). */
    static String singleLine(String text) {
        return text.replace('\r', ' ').replace('\n', ' ');
    }
}
