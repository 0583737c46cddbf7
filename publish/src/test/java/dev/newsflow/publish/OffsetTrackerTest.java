package dev.newsflow.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

    private static final TopicPartition P0 = new TopicPartition("news.articles.enriched", 0);
    private static final TopicPartition P1 = new TopicPartition("news.articles.enriched", 1);

    private final OffsetTracker tracker = new OffsetTracker();

    @Test
    void shouldCommitNothingBeforeTheFirstRecordFinishes() {
        tracker.started(P0, 40);
        tracker.started(P0, 41);

        assertThat(tracker.toCommit()).isEmpty();
    }

    @Test
    void shouldCommitUpToTheLowestUnfinishedOffsetWhenRecordsFinishOutOfOrder() {
        OffsetTracker.Ticket first = tracker.started(P0, 10);
        OffsetTracker.Ticket second = tracker.started(P0, 11);
        OffsetTracker.Ticket third = tracker.started(P0, 12);

        tracker.finished(third);
        tracker.finished(second);
        assertThat(tracker.toCommit()).as("10 is not finished").isEmpty();

        tracker.finished(first);
        assertThat(tracker.toCommit()).isEqualTo(Map.of(P0, new OffsetAndMetadata(13)));
    }

    @Test
    void shouldHoldThePositionAtARecordWaitingToBeRetriedWhileLaterOnesFinish() {
        OffsetTracker.Ticket delivered = tracker.started(P0, 0);
        tracker.started(P0, 1);
        for (long offset = 2; offset < 20; offset++) {
            tracker.finished(tracker.started(P0, offset));
        }
        tracker.finished(delivered);

        assertThat(tracker.toCommit()).isEqualTo(Map.of(P0, new OffsetAndMetadata(1)));
        assertThat(tracker.unfinished()).isEqualTo(1);
    }

    @Test
    void shouldReturnAPositionOnlyOnceUntilItMovesAgain() {
        tracker.finished(tracker.started(P0, 5));
        assertThat(tracker.toCommit()).isEqualTo(Map.of(P0, new OffsetAndMetadata(6)));

        assertThat(tracker.toCommit()).isEmpty();

        tracker.finished(tracker.started(P0, 8));
        assertThat(tracker.toCommit()).as("offsets skipped (transaction markers) are passed")
                .isEqualTo(Map.of(P0, new OffsetAndMetadata(9)));
    }

    @Test
    void shouldTrackPartitionsIndependently() {
        tracker.started(P0, 0);
        tracker.finished(tracker.started(P1, 7));

        assertThat(tracker.toCommit()).isEqualTo(Map.of(P1, new OffsetAndMetadata(8)));
    }

    @Test
    void shouldCommitOnlyThePartitionsAskedForOnRevocation() {
        tracker.finished(tracker.started(P0, 0));
        tracker.finished(tracker.started(P1, 0));

        assertThat(tracker.toCommit(List.of(P1))).isEqualTo(Map.of(P1, new OffsetAndMetadata(1)));
        assertThat(tracker.toCommit()).isEqualTo(Map.of(P0, new OffsetAndMetadata(1)));
    }

    @Test
    void shouldIgnoreARecordFinishingAfterItsPartitionWasRevokedEvenWhenThePartitionCameBack() {
        OffsetTracker.Ticket before = tracker.started(P0, 3);
        tracker.forget(List.of(P0));
        OffsetTracker.Ticket again = tracker.started(P0, 3);

        assertThat(tracker.isCurrent(before)).isFalse();
        assertThat(tracker.finished(before)).isFalse();
        assertThat(tracker.toCommit()).as("the new owner's copy of offset 3 is not finished").isEmpty();

        assertThat(tracker.finished(again)).isTrue();
        assertThat(tracker.toCommit()).isEqualTo(Map.of(P0, new OffsetAndMetadata(4)));
    }

    @Test
    void shouldRefuseRecordsStartedOutOfOffsetOrder() {
        tracker.started(P0, 9);

        assertThatThrownBy(() -> tracker.started(P0, 8)).isInstanceOf(IllegalArgumentException.class);
    }
}
