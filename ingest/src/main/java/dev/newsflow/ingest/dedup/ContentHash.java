package dev.newsflow.ingest.dedup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Hash of what a feed says about an article (title and content), to notice when an item changes: the first 64 bits
 * of SHA-256 as 16 hex characters. Markers written before kept 128 bits (32 hex characters); hashes are compared on
 * their first 64 bits ({@link #key}), which is all {@link SeenIndex} keeps, so those compare equal to the new ones.
 */
public final class ContentHash {

    private static final int HASH_BYTES = 8;

    private ContentHash() {
    }

    public static String of(String title, String content) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(nullToEmpty(title).strip().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(nullToEmpty(content).strip().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(), 0, HASH_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /**
     * The 64 bits a hash is compared and kept by: its first 16 hex characters, or for a hash that does not start
     * with 16 (never made here) the first 64 bits of its SHA-256.
     */
    public static long key(String hash) {
        return SeenIndex.startsWithHex(hash) ? SeenIndex.leadingHex(hash) : SeenIndex.sha256Prefix(hash);
    }

    /** The hash kept as {@code key}, as 16 hex characters. */
    public static String hex(long key) {
        return HexFormat.of().toHexDigits(key);
    }

    /** Whether two hashes stand for the same content (their {@link #key}s are equal). */
    public static boolean sameContent(String one, String other) {
        return one != null && other != null && key(one) == key(other);
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
