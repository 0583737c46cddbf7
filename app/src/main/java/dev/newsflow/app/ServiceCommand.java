package dev.newsflow.app;

import dev.newsflow.enrich.service.EnrichService;
import dev.newsflow.enrich.service.EnrichSettings;
import dev.newsflow.ingest.IngestService;
import dev.newsflow.publish.PublishService;
import dev.newsflow.publish.PublishSettings;
import dev.newsflow.support.config.Config;
import dev.newsflow.support.config.Setting;
import dev.newsflow.support.kafka.KafkaSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one service against the configured Kafka cluster until SIGTERM or Ctrl-C, then shuts it down cleanly. */
final class ServiceCommand {

    private static final Logger log = LoggerFactory.getLogger(ServiceCommand.class);

    private ServiceCommand() {
    }

    static int run(String service, Optional<Path> configFile, boolean printConfig, List<String> unused,
                   PrintStream out, PrintStream err) {
        Config config = Config.load(settingsOf(service), List.of(KafkaSettings.PASS_THROUGH_PREFIX), configFile,
                System.getenv());
        if (printConfig) {
            out.print(config.describe());
            return Newsflow.OK;
        }
        Clock clock = Clock.systemUTC();
        return switch (service) {
            case "ingest" -> {
                IngestService ingest = IngestService.create(config, clock);
                ingest.start();
                yield runUntilStopped(service, ingest, ingest::isRunning);
            }
            case "enrich" -> {
                EnrichService enrich = EnrichService.builder().config(config)
                        .enrichment(EnrichSettings.enricher(config, clock)::enrich).clock(clock).build();
                enrich.start();
                yield runUntilStopped(service, enrich, enrich::isRunning);
            }
            default -> {
                PublishService publish = PublishService.builder(config).clock(clock).build();
                publish.start();
                yield runUntilStopped(service, publish, publish::isRunning);
            }
        };
    }

    static List<Setting<?>> settingsOf(String service) {
        return switch (service) {
            case "ingest" -> IngestService.settings();
            case "enrich" -> EnrichSettings.all();
            case "publish" -> PublishSettings.settings();
            default -> throw new IllegalArgumentException("no service " + service);
        };
    }

    /** Waits for a shutdown signal, or for the service to stop by itself after a fatal error. */
    private static int runUntilStopped(String name, AutoCloseable service, BooleanSupplier running) {
        // The service may stop by itself (a fatal error); its own log says why.
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            log.info("Stopping {}", name);
            closeQuietly(name, service);
            closed.countDown();
        }, "newsflow-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        log.info("{} running; stop it with Ctrl-C or SIGTERM", name);
        try {
            while (closed.getCount() > 0 && running.getAsBoolean()) {
                closed.await(1, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closed.getCount() > 0) {
            log.error("{} stopped after a fatal error", name);
            closeQuietly(name, service);
            return Newsflow.FAILED;
        }
        return Newsflow.OK;
    }

    private static void closeQuietly(String name, AutoCloseable service) {
        try {
            service.close();
        } catch (Exception e) {
            log.warn("Closing {} failed: {}", name, e.toString());
        }
    }
}
