package dev.newsflow.ingest.fetch;

import java.io.IOException;

/** A response body, as sent or once decoded, is longer than the fetch allows. */
final class BodyTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    BodyTooLargeException(long cap) {
        super("body larger than " + cap + " bytes");
    }
}
