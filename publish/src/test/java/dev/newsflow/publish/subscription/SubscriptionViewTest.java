package dev.newsflow.publish.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.contract.Json;
import dev.newsflow.publish.TestArticles;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriptionViewTest {

    @Test
    void shouldShowOnlyTheLastFourCharactersOfEachSecret() {
        StoredSubscription subscription = new StoredSubscription("desk", SubscriptionFilter.tags("Q36"),
                Delivery.webhook(URI.create("https://hooks.example/in"),
                        List.of(TestArticles.SECRET, TestArticles.OTHER_SECRET)),
                SubscriptionState.PAUSED, "paused by ops", StoredSubscription.Origin.CONFIG,
                Instant.parse("2025-03-01T10:00:00Z"), Instant.parse("2025-03-01T11:00:00Z"));

        String json = Json.write(SubscriptionView.of(subscription));

        assertThat(json).doesNotContain(TestArticles.SECRET, TestArticles.OTHER_SECRET.substring(6, 30))
                .contains("\"secrets\":[\"******" + TestArticles.SECRET.substring(TestArticles.SECRET.length() - 4),
                        "\"state\":\"paused\"", "\"stateReason\":\"paused by ops\"", "\"origin\":\"config\"",
                        "\"tags\":[\"Q36\"]", "\"url\":\"https://hooks.example/in\"",
                        "\"createdAt\":\"2025-03-01T10:00:00Z\"");
    }
}
