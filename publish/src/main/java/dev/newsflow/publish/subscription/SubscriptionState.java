package dev.newsflow.publish.subscription;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a stored subscription is delivered. */
public enum SubscriptionState {
    /** Articles are delivered. */
    @JsonProperty("active") ACTIVE,
    /** Paused by an operator (API, CLI or {@code enabled: false} in the configuration); its position is kept. */
    @JsonProperty("paused") PAUSED,
    /** Disabled by newsflow, e.g. after the subscriber answered 410 Gone; resuming it enables it again. */
    @JsonProperty("disabled") DISABLED;

    /** The name used in JSON and on the command line. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
