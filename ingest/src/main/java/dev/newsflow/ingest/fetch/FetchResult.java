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
     * @param hints       caching headers and permanent redirects, for scheduling the next poll
     */
    record Fetched(URI uri, int status, String contentType, CacheValidators validators, byte[] body,
                   ResponseHints hints) implements FetchResult {

        public Fetched {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(body, "body");
            validators = validators == null ? CacheValidators.NONE : validators;
            hints = hints == null ? ResponseHints.NONE : hints;
        }

        public Fetched(URI uri, int status, String contentType, CacheValidators validators, byte[] body) {
            this(uri, status, contentType, validators, body, null);
        }

        /** The charset the {@code Content-Type} header names, if any and if known to Java. */
        public Optional<Charset> charset() {
            return ContentTypes.charset(contentType);
        }
    }

    /**
     * The server answered 304: the resource has not changed since the validators we sent.
     *
     * @param validators validators the 304 carried (often none: keep the ones sent)
     * @param hints      caching headers and permanent redirects
     */
    record NotModified(URI uri, CacheValidators validators, ResponseHints hints) implements FetchResult {

        public NotModified {
            validators = validators == null ? CacheValidators.NONE : validators;
            hints = hints == null ? ResponseHints.NONE : hints;
        }

        public NotModified(URI uri) {
            this(uri, null, null);
        }
    }

    /**
     * The fetch failed.
     *
     * @param uri     the URI last tried
     * @param kind    why, as a category
     * @param message why, in words for the operator
     * @param hints   the status, {@code Retry-After} and permanent redirects of the last response, if one came
     */
    record Failed(URI uri, FailureKind kind, String message, ResponseHints hints) implements FetchResult {

        public Failed {
            hints = hints == null ? ResponseHints.NONE : hints;
        }

        public Failed(URI uri, FailureKind kind, String message) {
            this(uri, kind, message, null);
        }

        @Override
        public String toString() {
            return kind + ": " + message;
        }
    }
}
