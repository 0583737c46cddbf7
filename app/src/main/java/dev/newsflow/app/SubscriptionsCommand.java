package dev.newsflow.app;

import dev.newsflow.publish.PublishSettings;
import dev.newsflow.publish.SubscriptionsAdmin;
import dev.newsflow.support.config.Config;
import dev.newsflow.support.kafka.KafkaSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code newsflow subscriptions list|add|pause|resume|delete|replay|failed ... [--config FILE]}: manages publish's
 * subscriptions in {@code news.subscriptions} (see {@link SubscriptionsAdmin}); running publish instances pick the
 * changes up without a restart. Reads the publish configuration (Kafka connection, publish.allow-private-targets).
 */
final class SubscriptionsCommand {

    private SubscriptionsCommand() {
    }

    static int run(List<String> args, Optional<Path> configFile, PrintStream out, PrintStream err) {
        Config config = Config.load(PublishSettings.settings(), List.of(KafkaSettings.PASS_THROUGH_PREFIX), configFile,
                System.getenv());
        return SubscriptionsAdmin.run(args, config, out, err);
    }
}
