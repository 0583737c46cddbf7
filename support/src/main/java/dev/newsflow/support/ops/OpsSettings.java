package dev.newsflow.support.ops;

import dev.newsflow.support.config.Setting;
import dev.newsflow.support.config.Validators;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Settings of the operations side every service shares: the HTTP endpoint serving {@code /metrics},
 * {@code /health/live} and {@code /health/ready}, and how long a shutdown may take. Each service declares them
 * through {@link #forService(int)} with its own default port, so three services run side by side on one host.
 */
public final class OpsSettings {

    /** Default ops ports, one per service. */
    public static final int INGEST_PORT = 9101;
    public static final int ENRICH_PORT = 9102;
    public static final int PUBLISH_PORT = 9103;

    /** A disabled endpoint: what {@code off} and any negative port parse to. */
    public static final int DISABLED = -1;

    /** Declared without a default; {@link #forService(int)} gives each service its own. */
    public static final Setting<Integer> PORT = new Setting<>("ops.port", "port", OpsSettings::parsePort, null, false,
            port -> port > 65_535 ? Optional.of("must be at most 65535, got " + port) : Optional.empty(),
            "TCP port of the ops endpoint (/metrics, /health/live, /health/ready); 0 = any free port, off (or a "
                    + "negative number) = no endpoint", false);

    public static final Setting<String> HOST = Setting.string("ops.host",
                    "address the ops endpoint listens on (0.0.0.0 = every interface, 127.0.0.1 = this host only)")
            .withDefault("0.0.0.0").validatedBy(Validators.notBlank());

    public static final Setting<Duration> SHUTDOWN_TIMEOUT = Setting.duration("shutdown.timeout",
                    "longest time SIGTERM waits for in-flight work to drain and commit and the Kafka clients to close;"
                            + " past it the process exits with status 1")
            .withDefault(Duration.ofSeconds(25)).validatedBy(Validators.positive());

    private OpsSettings() {
    }

    /** The ops settings of a service whose endpoint listens on {@code defaultPort} unless configured. */
    public static List<Setting<?>> forService(int defaultPort) {
        return List.of(PORT.withDefault(defaultPort), HOST, SHUTDOWN_TIMEOUT);
    }

    static int parsePort(Object raw) {
        if (raw instanceof Boolean enabled && !enabled) {
            return DISABLED; // YAML reads a bare off as false
        }
        if (raw instanceof Number number) {
            return number.intValue() < 0 ? DISABLED : number.intValue();
        }
        String text = raw.toString().strip().toLowerCase(Locale.ROOT);
        if (text.equals("off") || text.equals("false") || text.equals("disabled")) {
            return DISABLED;
        }
        try {
            int port = Integer.parseInt(text);
            return port < 0 ? DISABLED : port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a port number, 0 for any free port, or off, got '" + raw
                    + "'");
        }
    }
}
