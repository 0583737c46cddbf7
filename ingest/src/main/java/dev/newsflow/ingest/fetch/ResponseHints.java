package dev.newsflow.ingest.fetch;

import java.net.URI;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * What a response said that decides when to ask again: its status, its caching and retry headers (raw, as sent),
 * and where permanent redirects moved the resource.
 *
 * @param status       HTTP status of the last response, 0 when none came
 * @param cacheControl the {@code Cache-Control} header, or null
 * @param expires      the {@code Expires} header, or null
 * @param date         the {@code Date} header, or null
 * @param retryAfter   the {@code Retry-After} header, or null
 * @param movedTo      where an unbroken chain of permanent redirects (301, 308) from the requested URI ended, or
 *                     null when the first response was not one
 */
public record ResponseHints(int status, String cacheControl, String expires, String date, String retryAfter,
                            URI movedTo) {

    /** No response at all (connection failed, timeout, refused address). */
    public static final ResponseHints NONE = new ResponseHints(0, null, null, null, null, null);

    static ResponseHints of(int status, HttpFields headers, URI movedTo) {
        return new ResponseHints(status, headers.get(HttpHeader.CACHE_CONTROL), headers.get(HttpHeader.EXPIRES),
                headers.get(HttpHeader.DATE), headers.get(HttpHeader.RETRY_AFTER), movedTo);
    }

    /** The same hints with another redirect target. */
    ResponseHints movedTo(URI target) {
        return new ResponseHints(status, cacheControl, expires, date, retryAfter, target);
    }
}
