package dev.newsflow.ingest.feed.conformance;

/** How one corpus case fared against newsflow's parser and normaliser. */
sealed interface CaseOutcome {

    record Passed() implements CaseOutcome {
    }

    /** A mapped check disagreed, or the feed did not parse when it should have. */
    record Failed(String why) implements CaseOutcome {
    }

    /** The case checks only fields newsflow does not model (e.g. feedparser's {@code title_detail.language}). */
    record NotMapped(String field) implements CaseOutcome {
    }
}
