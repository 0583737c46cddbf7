package dev.newsflow.ingest;

/** A write or set-up of the {@link ArticleStore} failed; nothing of the batch was written. */
public final class ArticleStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean fatal;
    private final boolean notOwned;

    public ArticleStoreException(String message, Throwable cause, boolean fatal) {
        this(message, cause, fatal, false);
    }

    private ArticleStoreException(String message, Throwable cause, boolean fatal, boolean notOwned) {
        super(message, cause);
        this.fatal = fatal;
        this.notOwned = notOwned;
    }

    /**
     * The batch was not written because this instance no longer owns the feed: its partition moved to another
     * instance (maybe while this one was paused), which polls the feed from now on. Not a failure of the feed.
     */
    public static ArticleStoreException notOwned(String message, Throwable cause) {
        return new ArticleStoreException(message, cause, false, true);
    }

    /** Whether the write was refused because this instance no longer owns the feed (see {@link #notOwned}). */
    public boolean notOwned() {
        return notOwned;
    }

    /** True when the store cannot be used any more (fenced by a newer instance, not authorised): ingest stops. */
    public boolean fatal() {
        return fatal;
    }
}
