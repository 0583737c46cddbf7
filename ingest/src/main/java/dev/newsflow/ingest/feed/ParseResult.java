package dev.newsflow.ingest.feed;

import com.rometools.rome.feed.synd.SyndFeed;
import java.util.Objects;

/** The outcome of parsing a feed body. */
public sealed interface ParseResult {

    /** The body is an RSS, Atom or RDF feed. */
    record Parsed(SyndFeed feed) implements ParseResult {
        public Parsed {
            Objects.requireNonNull(feed, "feed");
        }
    }

    /** The body is not a feed ingest accepts; {@code reason} says why in words for the operator. */
    record Invalid(String reason) implements ParseResult {
    }
}
