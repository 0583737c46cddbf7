package dev.newsflow.contract;

/** Header names of records in {@link Topics#DEAD_LETTER}. Values are UTF-8 strings. */
public final class DeadLetters {

    public static final String SOURCE_TOPIC = "newsflow.dlq.topic";
    public static final String SOURCE_PARTITION = "newsflow.dlq.partition";
    public static final String SOURCE_OFFSET = "newsflow.dlq.offset";
    public static final String STAGE = "newsflow.dlq.stage";
    public static final String EXCEPTION_CLASS = "newsflow.dlq.exception.class";
    public static final String EXCEPTION_MESSAGE = "newsflow.dlq.exception.message";
    public static final String FAILED_AT = "newsflow.dlq.failed-at";

    private DeadLetters() {
    }
}
