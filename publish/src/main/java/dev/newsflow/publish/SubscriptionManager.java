package dev.newsflow.publish;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.publish.store.FailedDeliveries;
import dev.newsflow.publish.store.GroupOffsets;
import dev.newsflow.publish.store.SubscriptionStore;
import dev.newsflow.publish.subscription.Delivery;
import dev.newsflow.publish.subscription.FailedDelivery;
import dev.newsflow.publish.subscription.StoredSubscription;
import dev.newsflow.publish.subscription.Subscription;
import dev.newsflow.publish.subscription.SubscriptionException;
import dev.newsflow.publish.subscription.SubscriptionInput;
import dev.newsflow.publish.subscription.SubscriptionOperations;
import dev.newsflow.publish.subscription.SubscriptionState;
import dev.newsflow.publish.webhook.DeliveryOutcome;
import dev.newsflow.publish.webhook.WebhookMessages;
import dev.newsflow.publish.webhook.WebhookSender;
import dev.newsflow.support.net.TargetGuard;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscription operations over {@code news.subscriptions} (see {@link SubscriptionOperations}), shared by the
 * HTTP API and the command line. It never touches workers: every instance reconciles its workers with what it reads
 * from the topic.
 */
final class SubscriptionManager implements SubscriptionOperations, AutoCloseable {

    /** How long a replay waits for the workers of every instance to leave the subscription's group. */
    static final Duration REPLAY_WAIT = Duration.ofSeconds(60);

    private static final Logger log = LoggerFactory.getLogger(SubscriptionManager.class);

    private final Map<String, Object> client;
    private final SubscriptionStore store;
    private final FailedDeliveries failedDeliveries;
    private final Clock clock;
    private final SubscriptionInput.TargetCheck targets;
    private final WebhookSender sender;
    private final Set<String> replaying = ConcurrentHashMap.newKeySet();
    private final Set<String> moving = ConcurrentHashMap.newKeySet();
    private final ExecutorService replays = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "publish-failed-replay");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param sender the sender for replays of failed deliveries; null where none are replayed (the command line)
     */
    SubscriptionManager(Map<String, Object> client, SubscriptionStore store, FailedDeliveries failedDeliveries,
                        Clock clock, TargetGuard guard, WebhookSender sender) {
        this.client = Map.copyOf(client);
        this.store = Objects.requireNonNull(store, "store");
        this.failedDeliveries = Objects.requireNonNull(failedDeliveries, "failedDeliveries");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.targets = targetCheck(guard);
        this.sender = sender;
    }

    /** Refuses URLs whose host resolves to a non-public address (unless the guard allows them). */
    static SubscriptionInput.TargetCheck targetCheck(TargetGuard guard) {
        return (URI url) -> guard.check(url) instanceof TargetGuard.Verdict.Refused
                ? Optional.of("delivery.url resolves to a non-public address; set "
                + "publish.allow-private-targets to allow such targets")
                : Optional.empty();
    }

    static String groupId(String subscriptionId) {
        return PublishService.GROUP_ID_PREFIX + subscriptionId;
    }

    @Override
    public List<StoredSubscription> list() {
        return store.all();
    }

    @Override
    public Optional<StoredSubscription> get(String id) {
        return store.get(id);
    }

    @Override
    public StoredSubscription create(JsonNode body) {
        StoredSubscription subscription = SubscriptionInput.create(body, SubscriptionManager::newId, targets,
                clock.instant());
        if (store.get(subscription.id()).isPresent()) {
            throw new SubscriptionException(SubscriptionException.Kind.CONFLICT,
                    "a subscription with id '" + subscription.id() + "' exists; update it with PUT");
        }
        if (subscription.delivery().type() == Delivery.Type.WEBHOOK) {
            // A new subscription gets the articles enriched from now on (a replay fetches older ones), also when a
            // deleted subscription with the same id left its consumer group behind.
            GroupOffsets.moveTo(client, groupId(subscription.id()), subscription.createdAt(), Duration.ZERO);
        }
        log.info("Creating subscription {}", subscription);
        return store.put(subscription);
    }

    @Override
    public StoredSubscription update(String id, JsonNode body) {
        StoredSubscription current = require(id);
        refuseConfigured(current, "changed");
        StoredSubscription updated = SubscriptionInput.update(current, body, targets, clock.instant());
        log.info("Updating subscription {}", updated);
        return store.put(updated);
    }

    @Override
    public StoredSubscription pause(String id) {
        StoredSubscription current = require(id);
        StoredSubscription paused = current.pause("paused at " + clock.instant(), clock.instant());
        return paused == current ? current : store.put(paused);
    }

    @Override
    public StoredSubscription resume(String id) {
        StoredSubscription current = require(id);
        StoredSubscription resumed = current.resume(clock.instant());
        return resumed == current ? current : store.put(resumed);
    }

    @Override
    public void delete(String id) {
        refuseConfigured(require(id), "deleted");
        log.info("Deleting subscription {}", id);
        store.delete(id);
    }

    /**
     * Disables the subscription because its receiver answered 410 Gone, unless it was pointed elsewhere meanwhile.
     * Called on the worker's thread.
     */
    void disableGone(Subscription subscription, String articleId) {
        Optional<StoredSubscription> current = store.get(subscription.id());
        if (current.isEmpty() || current.get().delivery().type() != Delivery.Type.WEBHOOK
                || !current.get().delivery().url().equals(subscription.delivery().url())) {
            return;
        }
        Instant now = clock.instant();
        store.put(current.get().disable("410 Gone at " + now + " (article " + articleId + ")", now));
    }

    @Override
    public Replay replay(String id, Instant from) {
        StoredSubscription current = require(id);
        if (current.delivery().type() != Delivery.Type.WEBHOOK) {
            throw new SubscriptionException(SubscriptionException.Kind.CONFLICT,
                    "a pull subscription has no position to move");
        }
        if (!moving.add(id)) {
            throw new SubscriptionException(SubscriptionException.Kind.CONFLICT,
                    "a replay of this subscription is running");
        }
        String reason = "replaying from " + from;
        boolean wasActive = current.state() == SubscriptionState.ACTIVE;
        try {
            if (wasActive) {
                store.put(current.pause(reason, clock.instant()));
            }
            int partitions = GroupOffsets.moveTo(client, groupId(id), from, REPLAY_WAIT);
            log.info("Subscription {} replays from {}", id, from);
            return new Replay(id, from, partitions);
        } finally {
            try {
                Optional<StoredSubscription> now = store.get(id);
                if (wasActive && now.isPresent() && now.get().state() == SubscriptionState.PAUSED
                        && reason.equals(now.get().stateReason())) {
                    store.put(now.get().resume(clock.instant()));
                }
            } finally {
                moving.remove(id);
            }
        }
    }

    @Override
    public List<FailedDelivery> failed(String id) {
        require(id);
        return failedDeliveries.list(id);
    }

    @Override
    public int replayFailed(String id) {
        StoredSubscription current = require(id);
        if (!current.delivers()) {
            throw new SubscriptionException(SubscriptionException.Kind.CONFLICT,
                    "only an active webhook subscription can get its failed deliveries again; resume it first");
        }
        if (sender == null) {
            throw new SubscriptionException(SubscriptionException.Kind.UNAVAILABLE,
                    "failed deliveries are replayed by a running publish service");
        }
        if (!replaying.add(id)) {
            throw new SubscriptionException(SubscriptionException.Kind.CONFLICT,
                    "a replay of this subscription's failed deliveries is running");
        }
        List<FailedDelivery> failed;
        try {
            failed = failedDeliveries.list(id);
            replays.execute(() -> redeliver(id, failed));
        } catch (RuntimeException e) {
            replaying.remove(id);
            throw e;
        }
        return failed.size();
    }

    /** One attempt per failed delivery; stops when the subscription is no longer active. */
    private void redeliver(String id, List<FailedDelivery> failed) {
        int delivered = 0;
        try {
            for (FailedDelivery delivery : failed) {
                Optional<Subscription> subscription = store.get(id).flatMap(StoredSubscription::toSubscription);
                if (subscription.isEmpty()) {
                    log.info("Subscription {} is no longer active; stopping the replay of its failed deliveries", id);
                    return;
                }
                DeliveryOutcome outcome = sender.send(WebhookMessages.request(subscription.get(), delivery.eventId(),
                        delivery.article(), clock.instant()));
                if (outcome instanceof DeliveryOutcome.Delivered) {
                    failedDeliveries.remove(delivery);
                    delivered++;
                } else if (outcome instanceof DeliveryOutcome.Gone) {
                    disableGone(subscription.get(), delivery.articleId());
                    return;
                } else {
                    failedDeliveries.record(delivery.failedAgain(outcome.describe(), clock.instant()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("Subscription {}: replaying failed deliveries stopped", id, e);
        } finally {
            replaying.remove(id);
            log.info("Subscription {}: {} of {} failed deliveries delivered on replay", id, delivered, failed.size());
        }
    }

    @Override
    public String webhookId(FailedDelivery failed) {
        return WebhookMessages.messageId(failed.subscriptionId(), failed.eventId());
    }

    private StoredSubscription require(String id) {
        SubscriptionInput.checkId(id);
        return store.get(id).orElseThrow(() -> SubscriptionException.notFound(id));
    }

    private static void refuseConfigured(StoredSubscription subscription, String what) {
        if (subscription.origin() == StoredSubscription.Origin.CONFIG) {
            throw new SubscriptionException(SubscriptionException.Kind.CONFLICT, "subscription '" + subscription.id()
                    + "' is declared in publish.subscriptions; it is " + what + " there (pause and resume work)");
        }
    }

    private static String newId() {
        return "sub-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    @Override
    public void close() {
        replays.shutdownNow();
    }
}
