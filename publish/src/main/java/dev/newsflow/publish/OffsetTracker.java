package dev.newsflow.publish;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offset of each partition may be committed while records finish out of order: the lowest offset that is not
 * finished yet, or the offset after the last record taken when every one is finished. A record waiting to be
 * retried holds that position, however many later records are delivered meanwhile.
 *
 * <p>Records of a partition must be {@linkplain #started started} in offset order. A partition that is
 * {@linkplain #forget forgotten} (revoked, lost) starts afresh when it comes back: a record started before does not
 * count for it any more ({@link #finished} ignores its ticket), since the new owner delivers it again.
 * Not thread-safe: the worker's thread alone uses it.
 */
final class OffsetTracker {

    /** A record taken into work, to be handed back to {@link #finished}. */
    record Ticket(TopicPartition partition, long offset, Progress progress) {
    }

    /** One partition's records in work since it was assigned. */
    static final class Progress {
        private final TreeSet<Long> unfinished = new TreeSet<>();
        private long next = -1;
        private long committed = -1;

        private long position() {
            return unfinished.isEmpty() ? next : unfinished.first();
        }
    }

    private final Map<TopicPartition, Progress> partitions = new HashMap<>();

    /** Takes a record into work. */
    Ticket started(TopicPartition partition, long offset) {
        Progress progress = partitions.computeIfAbsent(partition, ignored -> new Progress());
        if (offset < progress.next) {
            throw new IllegalArgumentException("offset " + offset + " of " + partition + " started after offset "
                    + (progress.next - 1));
        }
        if (progress.next < 0) {
            // where the partition was when it came: committed already, or nothing to commit
            progress.committed = offset;
        }
        progress.unfinished.add(offset);
        progress.next = offset + 1;
        return new Ticket(partition, offset, progress);
    }

    /**
     * Marks the record finished (delivered, given up or dead-lettered).
     *
     * @return false when the ticket is from before the partition was forgotten: nothing changed
     */
    boolean finished(Ticket ticket) {
        if (!isCurrent(ticket)) {
            return false;
        }
        return ticket.progress().unfinished.remove(ticket.offset());
    }

    /** Whether the ticket's partition is still the one it was taken from (not revoked since). */
    boolean isCurrent(Ticket ticket) {
        return partitions.get(ticket.partition()) == ticket.progress();
    }

    /** The positions that moved since they were last returned, which are then taken as committed. */
    Map<TopicPartition, OffsetAndMetadata> toCommit() {
        return toCommit(partitions.keySet());
    }

    /** {@link #toCommit()} for some partitions only. */
    Map<TopicPartition, OffsetAndMetadata> toCommit(Collection<TopicPartition> which) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : which) {
            Progress progress = partitions.get(partition);
            if (progress != null && progress.next >= 0 && progress.position() > progress.committed) {
                progress.committed = progress.position();
                offsets.put(partition, new OffsetAndMetadata(progress.committed));
            }
        }
        return offsets;
    }

    /** Drops the partitions: their records in work no longer count (see {@link #finished}). */
    void forget(Collection<TopicPartition> which) {
        which.forEach(partitions::remove);
    }

    /** How many records taken into work are not finished, over every partition. */
    int unfinished() {
        return partitions.values().stream().mapToInt(progress -> progress.unfinished.size()).sum();
    }
}
