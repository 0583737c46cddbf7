package dev.newsflow.ingest.fetch;

import java.net.URI;
import java.nio.charset.Charset;
import java.util.Objects;
import java.util.Optional;

/** The outcome of one HTTP fetch. */
public sealed interface FetchResult {

    /**
     * The server sent a body.
     *
     * @param uri         the final URI, after redirects
     * @param status      the HTTP status (2xx)
     * @param contentType the {@code Content-Type} header, or null
     * @param validators  the ETag and Last-Modified headers to send next time
     * @param body        the body, decompressed
     */
    record Fetched(URI uri, int status, String contentType, CacheValidators validators, byte[] body)
            implements FetchResult {

        public Fetched {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(body, "body");
            validators = validators == null ? CacheValidators.NONE : validators;
        }

        /** The charset the {@code Content-Type} header names, if any and if known to Java. */
        public Optional<Charset> charset() {
            return ContentTypes.charset(contentType);
        }
    }

    /** The server answered 304: the resource has not changed since the validators we sent. */
    record NotModified(URI uri) implements FetchResult {
    }

    /**
     * The fetch failed.
     *
     * @param uri     the URI last tried
     * @param kind    why, as a category
     * @param message why, in words for the operator
     */
    record Failed(URI uri, FailureKind kind, String message) implements FetchResult {

        @Override
        public String toString() {
            return kind + ": " + message;
        }
    }
}
