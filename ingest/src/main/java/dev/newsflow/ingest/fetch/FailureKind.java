package dev.newsflow.ingest.fetch;

/** Why a fetch failed. */
public enum FailureKind {
    /** No connection, or no complete answer, within the timeout. */
    TIMEOUT,
    /** The body is larger than the limit, counted after decompression. */
    TOO_LARGE,
    /** The server answered with a status other than 2xx or 304. */
    HTTP_STATUS,
    /** The host is unknown or refused the connection. */
    UNREACHABLE,
    /** More redirects than the limit, e.g. a redirect loop. */
    TOO_MANY_REDIRECTS,
    /** The answer cannot be used: a redirect without a usable Location, a corrupt gzip body. */
    BAD_RESPONSE,
    /** The connection broke while talking to the server. */
    NETWORK,
    /** The fetching thread was interrupted, usually because ingest is stopping. */
    INTERRUPTED,
    /**
     * The host (of the feed, of a redirect, or of an item's page) resolves to a loopback, private, link-local or
     * other non-public address, which ingest does not fetch unless {@code ingest.fetch.allow-private-addresses} is
     * true: a feed must not make ingest probe the network it runs in.
     */
    FORBIDDEN_ADDRESS
}
