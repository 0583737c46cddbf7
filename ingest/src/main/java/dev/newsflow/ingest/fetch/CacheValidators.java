package dev.newsflow.ingest.fetch;

/**
 * What a server said about a response's version, sent back on the next fetch for a conditional GET.
 *
 * @param etag         the {@code ETag} header, or null
 * @param lastModified the {@code Last-Modified} header, or null
 */
public record CacheValidators(String etag, String lastModified) {

    public static final CacheValidators NONE = new CacheValidators(null, null);

    public boolean isEmpty() {
        return etag == null && lastModified == null;
    }
}
