package dev.newsflow.publish;

/** Where a subscription's worker stands. */
public enum WorkerState {
    /** The service has not started it yet. */
    NOT_STARTED,
    /** Delivering, or waiting for articles. */
    RUNNING,
    /** Waiting to attempt a failed delivery again; the subscription's later articles wait too. */
    RETRYING,
    /** Disabled in the configuration; nothing is consumed. */
    DISABLED,
    /** The subscriber answered 410 Gone; disabled until the service restarts. */
    GONE,
    /** Stopped by an error it cannot recover from (such as a dead-letter topic it cannot write); see the log. */
    FAILED,
    /** Stopped by {@link PublishService#close()}. */
    STOPPED
}
