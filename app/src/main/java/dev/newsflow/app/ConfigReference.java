package dev.newsflow.app;

import dev.newsflow.support.config.Setting;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The configuration reference of every service as Markdown, generated from the declared settings. */
final class ConfigReference {

    static final List<String> SERVICES = List.of("ingest", "enrich", "publish");

    private ConfigReference() {
    }

    static String markdown() {
        StringBuilder text = new StringBuilder();
        Set<String> shared = new LinkedHashSet<>();
        for (String service : SERVICES) {
            List<Setting<?>> settings = ServiceCommand.settingsOf(service);
            text.append("**").append(service).append("**\n\n");
            text.append("| setting | environment variable | type | default | what it does |\n");
            text.append("|---|---|---|---|---|\n");
            for (Setting<?> setting : settings) {
                boolean common = setting.name().startsWith("kafka.");
                if (common && !shared.add(setting.name())) {
                    continue;
                }
                text.append("| `").append(setting.name()).append("` | `").append(setting.environmentVariable())
                        .append("` | ").append(setting.type()).append(" | ").append(defaultOf(setting))
                        .append(" | ").append(setting.doc().replace("|", "\\|")).append(" |\n");
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static String defaultOf(Setting<?> setting) {
        Object value = setting.defaultValue();
        if (value == null) {
            return setting.optional() ? "unset" : "required";
        }
        if (setting.secret()) {
            return "(secret)";
        }
        if (value instanceof Duration duration) {
            return "`" + humanDuration(duration) + "`";
        }
        if (value instanceof Collection<?> values) {
            return values.isEmpty() ? "empty" : "`" + values.stream().map(ConfigReference::render)
                    .collect(Collectors.joining(", ")) + "`";
        }
        return "`" + value + "`";
    }

    private static String render(Object value) {
        return value instanceof Duration duration ? humanDuration(duration) : String.valueOf(value);
    }

    private static String humanDuration(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 3_600_000 == 0 && millis > 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }
}
