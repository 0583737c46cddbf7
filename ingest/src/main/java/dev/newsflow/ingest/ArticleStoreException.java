package dev.newsflow.ingest;

/** A write or set-up of the {@link ArticleStore} failed; nothing of the batch was written. */
public final class ArticleStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean fatal;

    public ArticleStoreException(String message, Throwable cause, boolean fatal) {
        super(message, cause);
        this.fatal = fatal;
    }

    /** True when the store cannot be used any more (fenced by a newer instance, not authorised): ingest stops. */
    public boolean fatal() {
        return fatal;
    }
}
