package dev.newsflow.kafka;

/** A broker that runs elsewhere, named by {@code KAFKA_BOOTSTRAP_SERVERS}. */
record ExternalKafkaBroker(String bootstrapServers) implements KafkaBroker {

    @Override
    public Kind kind() {
        return Kind.EXTERNAL;
    }
}
