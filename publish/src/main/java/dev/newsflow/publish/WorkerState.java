package dev.newsflow.publish;

/** Where a subscription's worker stands. */
public enum WorkerState {
    /** The service has not started it yet. */
    NOT_STARTED,
    /** Delivering, or waiting for articles. */
    RUNNING,
    /** Waiting to attempt a failed delivery again; the subscription's later articles wait too. */
    RETRYING,
    /** Paused (through the API, the command line or {@code enabled: false}); nothing is consumed. */
    PAUSED,
    /** Disabled (after a 410 Gone), or delivered by pull; nothing is consumed. */
    DISABLED,
    /** The worker got a 410 Gone answer and stopped; the subscription is disabled in news.subscriptions. */
    GONE,
    /** Stopped by an error it cannot recover from (such as a dead-letter topic it cannot write); see the log. */
    FAILED,
    /** Stopped by {@link PublishService#close()}. */
    STOPPED
}
