package dev.newsflow.contract;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a raw article's {@code content} came from. Readers map a status added later to {@link #UNKNOWN}. */
public enum FullTextStatus {
    /** The feed carried the full text. */
    @JsonProperty("feed") FROM_FEED,
    /** The feed carried a lead only; the page was fetched and its main text extracted. */
    @JsonProperty("fetched") FETCHED,
    /** The page fetch or extraction failed; content is the feed's lead. */
    @JsonProperty("failed") FAILED,
    /** Full-text fetching is off for the feed; content is the feed's lead. */
    @JsonProperty("disabled") DISABLED,
    @JsonEnumDefaultValue @JsonProperty("unknown") UNKNOWN
}
