package dev.newsflow.ingest.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body up to a byte cap, pulling one chunk at a time. Past the cap it cancels the subscription,
 * which closes the connection, so an endless body costs at most {@code cap} bytes of memory and no more reading.
 */
final class CappedBodySubscriber implements BodySubscriber<byte[]> {

    /** Thrown (inside the response future) when the body exceeds the cap. */
    static final class BodyTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        BodyTooLargeException(long cap) {
            super("body larger than " + cap + " bytes");
        }
    }

    private final long cap;
    private final boolean failWhenExceeded;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private volatile Flow.Subscription subscription;

    /**
     * @param cap              most bytes kept
     * @param failWhenExceeded fail the body when it is longer than the cap; otherwise keep the first {@code cap} bytes
     */
    CappedBodySubscriber(long cap, boolean failWhenExceeded) {
        this.cap = cap;
        this.failWhenExceeded = failWhenExceeded;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription newSubscription) {
        this.subscription = newSubscription;
        newSubscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> chunks) {
        for (ByteBuffer chunk : chunks) {
            int length = chunk.remaining();
            if (buffer.size() + (long) length > cap) {
                subscription.cancel();
                if (failWhenExceeded) {
                    body.completeExceptionally(new BodyTooLargeException(cap));
                } else {
                    byte[] bytes = new byte[(int) (cap - buffer.size())];
                    chunk.get(bytes);
                    buffer.writeBytes(bytes);
                    body.complete(buffer.toByteArray());
                }
                return;
            }
            byte[] bytes = new byte[length];
            chunk.get(bytes);
            buffer.writeBytes(bytes);
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable throwable) {
        body.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        body.complete(buffer.toByteArray());
    }

    /** Stops reading, e.g. when the fetch ran out of time. */
    void cancel() {
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
        body.cancel(false);
    }
}
