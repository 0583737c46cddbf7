package dev.newsflow.publish.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.contract.Json;
import dev.newsflow.publish.TestArticles;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoredSubscriptionTest {

    private static final Instant CREATED = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant LATER = CREATED.plusSeconds(3600);
    private static final URI URL = URI.create("https://hooks.example/in");
    private static final StoredSubscription ACTIVE = new StoredSubscription("desk", SubscriptionFilter.tags("Q36"),
            Delivery.webhook(URL, List.of(TestArticles.SECRET)), SubscriptionState.ACTIVE, null,
            StoredSubscription.Origin.API, CREATED, CREATED);

    @Test
    void shouldMoveBetweenStatesAndLeaveAValueInTheWantedStateAlone() {
        StoredSubscription paused = ACTIVE.pause("paused by ops", LATER);
        assertThat(paused.state()).isEqualTo(SubscriptionState.PAUSED);
        assertThat(paused.stateReason()).isEqualTo("paused by ops");
        assertThat(paused.updatedAt()).isEqualTo(LATER);
        assertThat(paused.delivers()).isFalse();
        assertThat(paused.pause("again", LATER.plusSeconds(1))).isSameAs(paused);

        StoredSubscription disabled = paused.disable("410 Gone at " + LATER, LATER);
        assertThat(disabled.state()).isEqualTo(SubscriptionState.DISABLED);
        StoredSubscription resumed = disabled.resume(LATER);
        assertThat(resumed.state()).isEqualTo(SubscriptionState.ACTIVE);
        assertThat(resumed.stateReason()).isNull();
        assertThat(resumed.delivers()).isTrue();
        assertThat(resumed.resume(LATER)).isSameAs(resumed);
        assertThat(resumed.toSubscription()).hasValueSatisfying(subscription -> {
            assertThat(subscription.id()).isEqualTo("desk");
            assertThat(subscription.delivery().url()).isEqualTo(URL);
            assertThat(subscription.enabled()).isTrue();
        });
    }

    @Test
    void shouldRoundTripThroughJsonAndNeverPrintSecrets() {
        StoredSubscription disabled = ACTIVE.disable("410 Gone at " + LATER, LATER);
        byte[] json = Json.writeBytes(disabled);

        assertThat(Json.read(json, StoredSubscription.class)).isEqualTo(disabled);
        assertThat(new String(json, java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"state\":\"disabled\"", "\"origin\":\"api\"", "\"type\":\"webhook\"", "\"tagsAll\":[]");
        assertThat(disabled.toString()).doesNotContain(TestArticles.SECRET);
    }

    @Test
    void shouldStoreADeclaredSubscriptionAsConfiguredAndSkipUnchangedOnes() {
        Subscription declared = Subscription.of("desk", SubscriptionFilter.tags("Q36"),
                new WebhookDelivery(URL, List.of(TestArticles.SECRET)));

        StoredSubscription first = StoredSubscription.declared(declared, Optional.empty(), CREATED).orElseThrow();
        assertThat(first.origin()).isEqualTo(StoredSubscription.Origin.CONFIG);
        assertThat(first.state()).isEqualTo(SubscriptionState.ACTIVE);
        assertThat(StoredSubscription.declared(declared, Optional.of(first), LATER)).isEmpty();

        Subscription refiltered = Subscription.of("desk", SubscriptionFilter.tags("Q1"), declared.delivery());
        assertThat(StoredSubscription.declared(refiltered, Optional.of(first), LATER)).hasValueSatisfying(stored -> {
            assertThat(stored.filter()).isEqualTo(SubscriptionFilter.tags("Q1"));
            assertThat(stored.createdAt()).isEqualTo(CREATED);
            assertThat(stored.updatedAt()).isEqualTo(LATER);
        });
    }

    @Test
    void shouldKeepAGoneSubscriptionDisabledAcrossRestartsUntilItsUrlChanges() {
        Subscription declared = Subscription.of("desk", SubscriptionFilter.ALL,
                new WebhookDelivery(URL, List.of(TestArticles.SECRET)));
        StoredSubscription gone = StoredSubscription.declared(declared, Optional.empty(), CREATED).orElseThrow()
                .disable("410 Gone at " + CREATED, CREATED);

        assertThat(StoredSubscription.declared(declared, Optional.of(gone), LATER)).isEmpty();

        Subscription moved = Subscription.of("desk", SubscriptionFilter.ALL,
                new WebhookDelivery(URI.create("https://new.example/in"), List.of(TestArticles.SECRET)));
        assertThat(StoredSubscription.declared(moved, Optional.of(gone), LATER)).hasValueSatisfying(stored ->
                assertThat(stored.state()).isEqualTo(SubscriptionState.ACTIVE));
    }

    @Test
    void shouldPauseOnEnabledFalseAndResumeWhenTheConfigurationEnablesItAgain() {
        WebhookDelivery delivery = new WebhookDelivery(URL, List.of(TestArticles.SECRET));
        StoredSubscription paused = StoredSubscription.declared(
                new Subscription("desk", SubscriptionFilter.ALL, delivery, false), Optional.empty(), CREATED)
                .orElseThrow();
        assertThat(paused.state()).isEqualTo(SubscriptionState.PAUSED);

        assertThat(StoredSubscription.declared(Subscription.of("desk", SubscriptionFilter.ALL, delivery),
                Optional.of(paused), LATER)).hasValueSatisfying(stored ->
                assertThat(stored.state()).isEqualTo(SubscriptionState.ACTIVE));
        StoredSubscription pausedByOps = paused.resume(LATER).pause("paused by ops", LATER);
        assertThat(StoredSubscription.declared(Subscription.of("desk", SubscriptionFilter.ALL, delivery),
                Optional.of(pausedByOps), LATER)).isEmpty();
    }
}
