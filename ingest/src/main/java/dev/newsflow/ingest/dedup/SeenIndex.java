package dev.newsflow.ingest.dedup;

import dev.newsflow.contract.SeenArticle;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What ingest remembers of every article it published, compactly: per article 24 bytes in an open-addressing table
 * (linear probing, parallel arrays, up to {@value #MAX_LOAD} full) instead of a {@link SeenArticle} of 300+ bytes,
 * so a million remembered articles take about 30-45 MB. Thread-safe (each method holds the index's lock).
 *
 * <p>Per article it keeps what {@link Deduplicator} needs:
 * <ul>
 *   <li><b>the id's first 64 bits</b> ({@link #key}), not the id: article ids are 96 bits of SHA-256 as 24 hex
 *       characters, so their first 16 characters are 64 uniformly distributed bits. Two of n ids share them with
 *       probability about n&sup2;/2<sup>65</sup>: 3&times;10<sup>-8</sup> for a million articles,
 *       3&times;10<sup>-6</sup> for ten million. Then the later article is taken for the earlier one (dropped as
 *       a duplicate, or published as its update); that risk is far below anything else that loses an article.
 *       An id that is not hex (tests, hand-made records) is reduced to 64 bits of its SHA-256;</li>
 *   <li><b>the content hash's first 64 bits</b>, the same way: {@link ContentHash} writes 64 bits as 16 hex
 *       characters, and an older marker's longer hex hash is read as its first 16 characters. {@link #get} gives
 *       the hash back as 16 hex characters, so the markers ingest writes keep the contract's format and compare
 *       equal ({@link ContentHash#sameContent}) to a hash of the same title and content;</li>
 *   <li><b>the feed it was first seen in</b> (the owner, whose changes republish it), as an index into a table of
 *       interned feed ids; the other feeds carrying the same story, which few have, in a side map;</li>
 *   <li><b>when it was first seen</b>, in whole seconds (unsigned 32 bits, until 2106; 0 stands for unknown).</li>
 * </ul>
 */
public final class SeenIndex {

    static final double MAX_LOAD = 0.8;
    private static final int MIN_CAPACITY = 16;
    private static final int MAX_CAPACITY = Integer.MAX_VALUE - 16;
    /** Stands in for the key 0, which marks an empty slot. */
    private static final long ZERO_KEY = 0x9E3779B97F4A7C15L;
    private static final int NO_FEED = -1;

    private long[] keys;
    private long[] hashes;
    private int[] owners;
    private int[] firstSeen;
    private int size;
    /** Feeds after the owner, of the few articles carried by more than one feed. */
    private final Map<Long, int[]> otherFeeds = new HashMap<>();
    private final Map<String, Integer> feedIndex = new HashMap<>();
    private final List<String> feedIds = new ArrayList<>();

    public SeenIndex() {
        this(0);
    }

    /** An index with room for {@code expected} articles before it grows. */
    public SeenIndex(int expected) {
        allocate(capacityFor(expected));
    }

    /**
     * Makes room for {@code expected} articles in all, so reading them does not rehash on the way (a rehash holds
     * the old and the new table at once). Given the record count of the seen topic, which may hold more records
     * than keys until the log cleaner catches up (at most about twice as many with the default
     * {@code min.cleanable.dirty.ratio} of 0.5), the table may then be up to that much larger than needed.
     */
    public synchronized void expect(long expected) {
        int capacity = capacityFor((int) Math.min(expected, MAX_CAPACITY));
        if (capacity > keys.length) {
            rehash(capacity);
        }
    }

    /** What is remembered of an article, or null; its hash comes back as 16 hex characters. */
    public synchronized SeenArticle get(String id) {
        int slot = find(key(id));
        if (slot < 0) {
            return null;
        }
        List<String> feeds;
        if (owners[slot] == NO_FEED) {
            feeds = List.of();
        } else {
            int[] others = otherFeeds.get(keys[slot]);
            if (others == null) {
                feeds = List.of(feedIds.get(owners[slot]));
            } else {
                List<String> all = new ArrayList<>(others.length + 1);
                all.add(feedIds.get(owners[slot]));
                for (int other : others) {
                    all.add(feedIds.get(other));
                }
                feeds = all;
            }
        }
        int seconds = firstSeen[slot];
        return new SeenArticle(id, ContentHash.hex(hashes[slot]), feeds,
                seconds == 0 ? null : Instant.ofEpochSecond(Integer.toUnsignedLong(seconds)));
    }

    public synchronized boolean contains(String id) {
        return find(key(id)) >= 0;
    }

    /** Remembers an article, replacing what was remembered of its id. */
    public synchronized void put(SeenArticle article) {
        long key = key(article.id());
        int slot = find(key);
        if (slot < 0) {
            if (size + 1 > keys.length * MAX_LOAD) {
                rehash(grown());
            }
            slot = insertionSlot(key);
            keys[slot] = key;
            size++;
        }
        hashes[slot] = ContentHash.key(article.contentHash());
        firstSeen[slot] = seconds(article.firstSeen());
        List<String> feeds = article.feedIds();
        owners[slot] = feeds.isEmpty() ? NO_FEED : intern(feeds.get(0));
        if (feeds.size() > 1) {
            int[] others = new int[feeds.size() - 1];
            for (int i = 1; i < feeds.size(); i++) {
                others[i - 1] = intern(feeds.get(i));
            }
            otherFeeds.put(key, others);
        } else {
            otherFeeds.remove(key);
        }
    }

    /** Forgets an article (a tombstone in the seen topic). */
    public synchronized void remove(String id) {
        long key = key(id);
        int slot = find(key);
        if (slot < 0) {
            return;
        }
        otherFeeds.remove(key);
        size--;
        // backward-shift deletion: move later entries of the probe run into the hole, so lookups never stop early
        int hole = slot;
        int next = next(hole);
        while (keys[next] != 0) {
            int home = home(keys[next], keys.length);
            if (distance(home, next) >= distance(hole, next)) {
                move(next, hole);
                hole = next;
            }
            next = next(next);
        }
        keys[hole] = 0;
    }

    public synchronized int size() {
        return size;
    }

    /** Distinct feed ids interned. */
    public synchronized int feeds() {
        return feedIds.size();
    }

    /** Slots of the table (for tests and the benchmark's arithmetic). */
    public synchronized int capacity() {
        return keys.length;
    }

    /** Bytes of the table's arrays per remembered article, the side maps left out. */
    public synchronized double bytesPerArticle() {
        return size == 0 ? 0 : (double) keys.length * (Long.BYTES * 2 + Integer.BYTES * 2) / size;
    }

    /**
     * The 64 bits an article id is kept under: its first 16 hex characters when it starts with them (every id
     * ingest makes), else the first 64 bits of its SHA-256. Never 0.
     */
    static long key(String id) {
        long key = leadingHex(id);
        if (key == 0 && !startsWithHex(id)) {
            key = sha256Prefix(id);
        }
        return key == 0 ? ZERO_KEY : key;
    }

    /** The first 16 hex characters of {@code text} as 64 bits, or 0 when it does not start with 16 of them. */
    static long leadingHex(String text) {
        if (text == null || text.length() < 16) {
            return 0;
        }
        long value = 0;
        for (int i = 0; i < 16; i++) {
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0) {
                return 0;
            }
            value = (value << 4) | digit;
        }
        return value;
    }

    static boolean startsWithHex(String text) {
        if (text == null || text.length() < 16) {
            return false;
        }
        for (int i = 0; i < 16; i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    static long sha256Prefix(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (text == null ? "" : text).getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                value = (value << 8) | (digest[i] & 0xFF);
            }
            return value;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private int intern(String feedId) {
        Integer index = feedIndex.get(feedId);
        if (index == null) {
            index = feedIds.size();
            feedIds.add(feedId);
            feedIndex.put(feedId, index);
        }
        return index;
    }

    private static int seconds(Instant instant) {
        if (instant == null) {
            return 0;
        }
        long seconds = Math.max(1, Math.min(instant.getEpochSecond(), 0xFFFF_FFFFL));
        return (int) seconds;
    }

    private int find(long key) {
        int slot = home(key, keys.length);
        while (true) {
            long candidate = keys[slot];
            if (candidate == key) {
                return slot;
            }
            if (candidate == 0) {
                return -1;
            }
            slot = next(slot);
        }
    }

    private int insertionSlot(long key) {
        int slot = home(key, keys.length);
        while (keys[slot] != 0) {
            slot = next(slot);
        }
        return slot;
    }

    /** The key's first slot: its mixed bits scaled to the capacity (any capacity, not only powers of two). */
    static int home(long key, int capacity) {
        long mixed = key * 0x9E3779B97F4A7C15L;
        return (int) (((mixed >>> 32) * capacity) >>> 32);
    }

    private int next(int slot) {
        return slot + 1 == keys.length ? 0 : slot + 1;
    }

    /** Probe steps from {@code from} forward to {@code to}, wrapping around. */
    private int distance(int from, int to) {
        return to >= from ? to - from : to + keys.length - from;
    }

    private void move(int from, int to) {
        keys[to] = keys[from];
        hashes[to] = hashes[from];
        owners[to] = owners[from];
        firstSeen[to] = firstSeen[from];
    }

    private int grown() {
        if (keys.length >= MAX_CAPACITY) {
            throw new IllegalStateException("the seen index is full at " + size + " articles");
        }
        return (int) Math.min(MAX_CAPACITY, keys.length + (long) keys.length / 2);
    }

    private static int capacityFor(int expected) {
        return (int) Math.max(MIN_CAPACITY, Math.min(MAX_CAPACITY, (long) Math.ceil(expected / MAX_LOAD) + 1));
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        hashes = new long[capacity];
        owners = new int[capacity];
        firstSeen = new int[capacity];
    }

    private void rehash(int capacity) {
        long[] oldKeys = keys;
        long[] oldHashes = hashes;
        int[] oldOwners = owners;
        int[] oldFirstSeen = firstSeen;
        allocate(capacity);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                int slot = insertionSlot(oldKeys[i]);
                keys[slot] = oldKeys[i];
                hashes[slot] = oldHashes[i];
                owners[slot] = oldOwners[i];
                firstSeen[slot] = oldFirstSeen[i];
            }
        }
    }

    @Override
    public synchronized String toString() {
        return "SeenIndex[" + size + " articles, " + keys.length + " slots, " + feedIds.size() + " feeds, "
                + otherFeeds.size() + " in several feeds]";
    }

    /** For tests: whether every stored key is reachable from its home slot without crossing an empty slot. */
    synchronized boolean consistent() {
        int count = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0) {
                count++;
                if (find(keys[i]) != i) {
                    return false;
                }
            }
        }
        return count == size && Arrays.stream(keys).filter(k -> k != 0).count() == size;
    }
}
