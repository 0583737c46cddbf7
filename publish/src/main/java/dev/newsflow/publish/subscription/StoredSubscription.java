package dev.newsflow.publish.subscription;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A subscription as stored in {@code news.subscriptions} (the record's value; its key is the id). The state changes
 * through {@link #pause}, {@link #resume} and {@link #disable}, each returning a new value; none of them changes a
 * value that is already in the wanted state (they return it unchanged, so callers can skip the write).
 *
 * @param id          the id, also the key and part of the consumer group name
 * @param filter      which articles it wants
 * @param delivery    webhook or pull
 * @param state       active, paused or disabled
 * @param stateReason why it is paused or disabled, e.g. {@code 410 Gone at 2025-03-01T10:15:30Z}; null when active
 * @param origin      {@code config} when declared in {@code publish.subscriptions} (the configuration owns it), else
 *                    {@code api}
 * @param createdAt   when it was first stored
 * @param updatedAt   when it last changed
 */
public record StoredSubscription(String id, SubscriptionFilter filter, Delivery delivery, SubscriptionState state,
                                 String stateReason, Origin origin, Instant createdAt, Instant updatedAt) {

    /** Who manages a subscription. */
    public enum Origin {
        /** Declared in {@code publish.subscriptions}: upserted at start, removed when no longer declared. */
        @JsonProperty("config") CONFIG,
        /** Created through the API or the command line. */
        @JsonProperty("api") API
    }

    /** The reason of a pause that {@code enabled: false} in the configuration asked for. */
    public static final String PAUSED_BY_CONFIG = "enabled: false in publish.subscriptions";

    public StoredSubscription {
        Objects.requireNonNull(id, "id");
        filter = filter == null ? SubscriptionFilter.ALL : filter;
        Objects.requireNonNull(delivery, "delivery");
        state = state == null ? SubscriptionState.ACTIVE : state;
        origin = origin == null ? Origin.API : origin;
        Objects.requireNonNull(createdAt, "createdAt");
        updatedAt = updatedAt == null ? createdAt : updatedAt;
    }

    /** Whether a worker should deliver it: active, by webhook. */
    @JsonIgnore
    public boolean delivers() {
        return state == SubscriptionState.ACTIVE && delivery.type() == Delivery.Type.WEBHOOK;
    }

    /** What a worker delivers by; empty unless it {@link #delivers()}. */
    public Optional<Subscription> toSubscription() {
        return delivers() ? Optional.of(Subscription.of(id, filter, delivery.toWebhook())) : Optional.empty();
    }

    public StoredSubscription pause(String reason, Instant now) {
        return state == SubscriptionState.PAUSED ? this : withState(SubscriptionState.PAUSED, reason, now);
    }

    public StoredSubscription resume(Instant now) {
        return state == SubscriptionState.ACTIVE ? this : withState(SubscriptionState.ACTIVE, null, now);
    }

    public StoredSubscription disable(String reason, Instant now) {
        return state == SubscriptionState.DISABLED ? this : withState(SubscriptionState.DISABLED, reason, now);
    }

    /** The same subscription with a new filter and delivery (state and origin kept). */
    public StoredSubscription redefine(SubscriptionFilter newFilter, Delivery newDelivery, Instant now) {
        return new StoredSubscription(id, newFilter, newDelivery, state, stateReason, origin, createdAt, now);
    }

    private StoredSubscription withState(SubscriptionState newState, String reason, Instant now) {
        return new StoredSubscription(id, filter, delivery, newState, reason, origin, createdAt, now);
    }

    /**
     * What to store for a subscription declared in the configuration, given what is stored under its id; empty when
     * the stored value already says the same. The configuration wins for the filter, the delivery and the origin;
     * {@code enabled: false} pauses it (and {@code enabled: true} lifts that pause again). A pause or a disable recorded in the topic survives a restart (operators
     * resume through the API or the command line), except that a disable is lifted when the configuration points
     * the webhook elsewhere: a 410 from the old URL says nothing about the new one.
     */
    public static Optional<StoredSubscription> declared(Subscription declared, Optional<StoredSubscription> stored,
                                                        Instant now) {
        Delivery delivery = Delivery.webhook(declared.delivery().url(), declared.delivery().secrets());
        if (stored.isEmpty()) {
            SubscriptionState state = declared.enabled() ? SubscriptionState.ACTIVE : SubscriptionState.PAUSED;
            return Optional.of(new StoredSubscription(declared.id(), declared.filter(), delivery, state,
                    declared.enabled() ? null : PAUSED_BY_CONFIG, Origin.CONFIG, now, now));
        }
        StoredSubscription current = stored.get();
        SubscriptionState state = current.state();
        String reason = current.stateReason();
        if (!declared.enabled()) {
            if (state == SubscriptionState.ACTIVE) {
                state = SubscriptionState.PAUSED;
                reason = PAUSED_BY_CONFIG;
            }
        } else if (state == SubscriptionState.PAUSED && PAUSED_BY_CONFIG.equals(reason)
                || state == SubscriptionState.DISABLED && !Objects.equals(current.delivery().url(), delivery.url())) {
            state = SubscriptionState.ACTIVE;
            reason = null;
        }
        StoredSubscription wanted = new StoredSubscription(current.id(), declared.filter(), delivery, state, reason,
                Origin.CONFIG, current.createdAt(), current.updatedAt());
        if (wanted.equals(current)) {
            return Optional.empty();
        }
        return Optional.of(new StoredSubscription(wanted.id(), wanted.filter(), wanted.delivery(), wanted.state(),
                wanted.stateReason(), wanted.origin(), wanted.createdAt(), now));
    }

    /** Never the secrets. */
    @Override
    public String toString() {
        return "StoredSubscription[" + id + ", " + state.label() + (stateReason == null ? "" : " (" + stateReason + ")")
                + ", " + delivery.describe() + ", " + filter + "]";
    }
}
