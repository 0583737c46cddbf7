package dev.newsflow.app;

import dev.newsflow.enrich.service.EnrichService;
import dev.newsflow.enrich.service.EnrichSettings;
import dev.newsflow.ingest.IngestService;
import dev.newsflow.publish.PublishService;
import dev.newsflow.publish.PublishSettings;
import dev.newsflow.publish.SubscriptionStats;
import dev.newsflow.support.config.Config;
import dev.newsflow.support.config.Setting;
import dev.newsflow.support.kafka.KafkaSettings;
import dev.newsflow.support.ops.KafkaProbe;
import dev.newsflow.support.ops.OpsMetrics;
import dev.newsflow.support.ops.OpsServer;
import dev.newsflow.support.ops.OpsSettings;
import dev.newsflow.support.ops.Readiness;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one service against the configured Kafka cluster until SIGTERM or Ctrl-C, then shuts it down cleanly, with
 * its ops endpoint ({@code /metrics}, {@code /health/live}, {@code /health/ready}) on {@code ops.port}.
 *
 * <p>Why the launcher traps SIGTERM and SIGINT itself: when the JVM's own handler takes a signal it starts the
 * shutdown with status 143 (130 for Ctrl-C), runs the shutdown hooks and halts with that status, whatever the main
 * thread does meanwhile (its {@code System.exit(0)} just blocks). Trapped, the signal only asks the main thread to
 * stop: it closes the service (which drains and commits in-flight work and closes its Kafka clients) within
 * {@code shutdown.timeout} and returns 0, or 1 when the service did not stop in time. A shutdown hook still closes
 * the service when the JVM exits another way (SIGHUP, or signals not trappable under {@code -Xrs}).
 */
final class ServiceCommand {

    private static final Logger log = LoggerFactory.getLogger(ServiceCommand.class);
    /** How often publish's meters are bound for subscriptions created since (registering is idempotent). */
    private static final Duration METER_BINDING_INTERVAL = Duration.ofSeconds(15);

    /** How long an answer of Kafka to the readiness probe is reused. */
    private static final Duration KAFKA_PROBE_CACHE = Duration.ofSeconds(5);

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
        Lifecycle lifecycle = new Lifecycle(service, config.get(OpsSettings.SHUTDOWN_TIMEOUT));
        lifecycle.trapSignals();
        try (OpsMetrics metrics = OpsMetrics.create(service);
             KafkaProbe kafka = new KafkaProbe(KafkaSettings.clientProperties(config), KAFKA_PROBE_CACHE)) {
            Optional<OpsServer> ops = OpsServer.start(config, metrics.registry(), () -> lifecycle.readiness(kafka));
            try {
                lifecycle.manage(create(service, config, clock, metrics.registry()));
                return lifecycle.run();
            } finally {
                ops.ifPresent(OpsServer::close);
            }
        }
    }

    /** The service, built (not started) with its meters going to {@code registry}. */
    private static Managed create(String service, Config config, Clock clock, MeterRegistry registry) {
        return switch (service) {
            case "ingest" -> {
                IngestService ingest = IngestService.builder(dev.newsflow.ingest.IngestSettings.from(config), clock)
                        .meterRegistry(registry).build();
                yield new Managed(ingest, ingest::start, ingest::isRunning, ingest::readiness);
            }
            case "enrich" -> {
                EnrichService enrich = EnrichService.builder().config(config)
                        .enrichment(EnrichSettings.enricher(config, clock)::enrich).clock(clock)
                        .meterRegistry(registry).build();
                yield new Managed(enrich, enrich::start, enrich::isRunning, enrich::readiness);
            }
            default -> {
                PublishService publish = PublishService.builder(config).clock(clock).build();
                bindPublishMeters(publish, registry);
                // Subscriptions come and go through the API: their meters are added as they appear.
                ScheduledExecutorService meterBinder = Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "newsflow-publish-meters");
                    thread.setDaemon(true);
                    return thread;
                });
                AtomicBoolean started = new AtomicBoolean();
                AutoCloseable publishAndMeters = () -> {
                    meterBinder.shutdownNow();
                    publish.close();
                };
                yield new Managed(publishAndMeters, () -> {
                    publish.start();
                    started.set(true);
                    meterBinder.scheduleWithFixedDelay(() -> bindPublishMeters(publish, registry), 0,
                            METER_BINDING_INTERVAL.toSeconds(), TimeUnit.SECONDS);
                }, publish::isRunning, () -> !started.get() ? Readiness.notReady("starting")
                        : publish.isRunning() && !publish.isAssigned()
                        ? Readiness.notReady("waiting for the subscriptions' partition assignment")
                        : publish.isRunning() ? Readiness.ready()
                        : Readiness.notReady("no subscription is delivering: " + publish.failure()
                        .map(Throwable::getMessage).orElse("stopped")));
            }
        };
    }

    /**
     * Publish's meters, read from its per-subscription counters (subscriptions are configured, so the
     * {@code subscription} tag is bounded): {@code newsflow.publish.deliveries{subscription, outcome}} with outcome
     * delivered, retried, dead_lettered or filtered_out, and {@code newsflow.publish.dead.letters{subscription}}.
     */
    static void bindPublishMeters(PublishService publish, MeterRegistry registry) {
        Set<String> ids = new TreeSet<>(publish.stats().keySet());
        publish.subscriptions().forEach(subscription -> ids.add(subscription.id()));
        ids.forEach(id -> {
            deliveries(registry, publish, id, "delivered", SubscriptionStats::delivered);
            deliveries(registry, publish, id, "retried", SubscriptionStats::retried);
            deliveries(registry, publish, id, "dead_lettered", SubscriptionStats::deadLettered);
            deliveries(registry, publish, id, "filtered_out", SubscriptionStats::filteredOut);
            FunctionCounter.builder("newsflow.publish.dead.letters", publish,
                            service -> count(service, id, SubscriptionStats::deadLettered))
                    .tag("subscription", id)
                    .description("records of the subscription sent to the dead-letter topic").register(registry);
        });
    }

    private static void deliveries(MeterRegistry registry, PublishService publish, String subscription,
                                   String outcome, ToDoubleFunction<SubscriptionStats> counter) {
        FunctionCounter.builder("newsflow.publish.deliveries", publish,
                        service -> count(service, subscription, counter))
                .tags("subscription", subscription, "outcome", outcome)
                .description("webhook deliveries by outcome").register(registry);
    }

    private static double count(PublishService publish, String subscription,
                                ToDoubleFunction<SubscriptionStats> counter) {
        SubscriptionStats stats = publish.stats().get(subscription);
        return stats == null ? 0 : counter.applyAsDouble(stats);
    }

    static List<Setting<?>> settingsOf(String service) {
        return switch (service) {
            case "ingest" -> IngestService.settings();
            case "enrich" -> EnrichSettings.all();
            case "publish" -> {
                List<Setting<?>> settings = new ArrayList<>(PublishSettings.settings());
                settings.addAll(OpsSettings.forService(OpsSettings.PUBLISH_PORT));
                yield List.copyOf(settings);
            }
            default -> throw new IllegalArgumentException("no service " + service);
        };
    }

    /** A service as the launcher drives it. */
    record Managed(AutoCloseable service, Runnable start, BooleanSupplier running, Supplier<Readiness> readiness) {
    }

    /** Start, wait for a stop signal or a fatal error, stop within a bounded time. */
    static final class Lifecycle {
        private final String name;
        private final Duration shutdownTimeout;
        private final CountDownLatch stopRequested = new CountDownLatch(1);
        private final AtomicReference<Managed> managed = new AtomicReference<>();
        private final AtomicBoolean closing = new AtomicBoolean();
        private final CompletableFuture<Void> closed = new CompletableFuture<>();
        private volatile boolean started;

        Lifecycle(String name, Duration shutdownTimeout) {
            this.name = name;
            this.shutdownTimeout = shutdownTimeout;
        }

        /** SIGTERM and SIGINT ask the main thread to stop; before start-up ended, they exit at once (status 0). */
        void trapSignals() {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (!closing.get()) {
                    log.info("Stopping {} (JVM shutdown)", name);
                }
                closeWithin(shutdownTimeout);
            }, "newsflow-shutdown"));
            try {
                for (String signal : List.of("TERM", "INT")) {
                    sun.misc.Signal.handle(new sun.misc.Signal(signal), caught -> stop("SIG" + caught.getName()));
                }
            } catch (IllegalArgumentException | LinkageError e) {
                log.warn("Cannot trap SIGTERM and SIGINT ({}); the shutdown hook closes {} and the exit status is "
                        + "the JVM's", e.toString(), name);
            }
        }

        private void stop(String signal) {
            if (started) {
                log.info("{}: stopping {}, draining in-flight work", signal, name);
                stopRequested.countDown();
            } else {
                log.info("{} while {} starts: exiting", signal, name);
                stopRequested.countDown();
                // not a shutdown hook: exit runs the hook, which closes what was started, bounded
                new Thread(() -> System.exit(Newsflow.OK), "newsflow-exit").start();
            }
        }

        void manage(Managed service) {
            managed.set(service);
        }

        Readiness readiness(KafkaProbe kafka) {
            Managed service = managed.get();
            if (closing.get()) {
                return Readiness.notReady("stopping");
            }
            if (service == null) {
                return Readiness.notReady("starting");
            }
            return service.readiness().get().and(kafka.check());
        }

        /** Starts the service, waits for a signal or its fatal error, and stops it; returns the exit status. */
        int run() {
            Managed service = managed.get();
            service.start().run();
            started = true;
            log.info("{} running; stop it with Ctrl-C or SIGTERM", name);
            try {
                while (stopRequested.getCount() > 0 && service.running().getAsBoolean()) {
                    stopRequested.await(1, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (stopRequested.getCount() > 0) {
                // the service stopped by itself; its own log says why
                log.error("{} stopped after a fatal error", name);
                closeWithin(shutdownTimeout);
                return Newsflow.FAILED;
            }
            long begun = System.nanoTime();
            if (!closeWithin(shutdownTimeout)) {
                return Newsflow.FAILED;
            }
            log.info("{} stopped in {} ms", name, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun));
            return Newsflow.OK;
        }

        /** Closes the service once, on its own thread; true when that ended within the timeout. */
        boolean closeWithin(Duration timeout) {
            Managed service = managed.get();
            if (closing.compareAndSet(false, true)) {
                if (service == null) {
                    closed.complete(null);
                } else {
                    Thread closer = new Thread(() -> {
                        try {
                            service.service().close();
                        } catch (Exception e) {
                            log.warn("Closing {} failed: {}", name, e.toString());
                        } finally {
                            closed.complete(null);
                        }
                    }, "newsflow-stop");
                    closer.setDaemon(true);
                    closer.start();
                }
            }
            try {
                closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            } catch (TimeoutException e) {
                log.error("{} did not stop within {} (shutdown.timeout); exiting anyway", name, timeout);
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException e) {
                return false;
            }
        }
    }
}
