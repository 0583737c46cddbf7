package dev.newsflow.support.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One setting, declared once: name, type (as a parser), default, validation and a one-line doc.
 *
 * <p>Values come from the YAML config file (any YAML node) or from an environment variable (a string, parsed as
 * YAML when the setting wants more than a string). The parser turns either into the typed value or throws
 * {@link IllegalArgumentException} with a message fit for the operator.
 *
 * @param name         dotted name, as in the YAML file ({@code kafka.bootstrap.servers})
 * @param type         what the value is, for docs and error messages ({@code string}, {@code duration}, ...)
 * @param parser       turns a raw value into the typed value
 * @param defaultValue value when unset; null makes the setting required, unless {@code optional}
 * @param optional     whether the setting may be left unset with no default
 * @param validator    checks a parsed value; returns a problem or empty
 * @param doc          one line for the operator
 * @param secret       whether to mask the value when printing the configuration
 */
public record Setting<T>(String name, String type, Function<Object, T> parser, T defaultValue, boolean optional,
                         Function<T, Optional<String>> validator, String doc, boolean secret) {

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    public Setting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parser, "parser");
        Objects.requireNonNull(doc, "doc");
        validator = validator == null ? value -> Optional.empty() : validator;
    }

    /** The environment variable that overrides this setting: {@code NEWSFLOW_} and the name in upper snake case. */
    public String environmentVariable() {
        return "NEWSFLOW_" + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public Setting<T> withDefault(T value) {
        return new Setting<>(name, type, parser, value, optional, validator, doc, secret);
    }

    public Setting<T> optionalWithoutDefault() {
        return new Setting<>(name, type, parser, null, true, validator, doc, secret);
    }

    public Setting<T> validatedBy(Function<T, Optional<String>> check) {
        Function<T, Optional<String>> previous = validator;
        return new Setting<>(name, type, parser, defaultValue, optional,
                value -> previous.apply(value).or(() -> check.apply(value)), doc, secret);
    }

    public Setting<T> masked() {
        return new Setting<>(name, type, parser, defaultValue, optional, validator, doc, true);
    }

    public static Setting<String> string(String name, String doc) {
        return new Setting<>(name, "string", raw -> {
            if (raw instanceof Map || raw instanceof List) {
                throw new IllegalArgumentException("expected a single value");
            }
            return raw.toString().strip();
        }, null, false, null, doc, false);
    }

    public static Setting<Integer> integer(String name, String doc) {
        return new Setting<>(name, "integer", raw -> {
            try {
                return raw instanceof Number number ? number.intValue() : Integer.parseInt(raw.toString().strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected an integer, got '" + raw + "'");
            }
        }, null, false, null, doc, false);
    }

    public static Setting<Boolean> bool(String name, String doc) {
        return new Setting<>(name, "boolean", raw -> {
            String text = raw.toString().strip().toLowerCase(Locale.ROOT);
            return switch (text) {
                case "true", "yes", "on", "1" -> true;
                case "false", "no", "off", "0" -> false;
                default -> throw new IllegalArgumentException("expected true or false, got '" + raw + "'");
            };
        }, null, false, null, doc, false);
    }

    /** A duration written {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d} or ISO-8601 {@code PT30S}. */
    public static Setting<Duration> duration(String name, String doc) {
        return new Setting<>(name, "duration", Setting::parseDuration, null, false, null, doc, false);
    }

    public static Setting<Path> path(String name, String doc) {
        return new Setting<>(name, "path", raw -> Path.of(raw.toString().strip()), null, false, null, doc, false);
    }

    /** A list of strings: a YAML sequence, or comma-separated text from the environment. */
    public static Setting<List<String>> list(String name, String doc) {
        return new Setting<>(name, "list", raw -> {
            List<String> values = new ArrayList<>();
            if (raw instanceof List<?> items) {
                items.forEach(item -> values.add(item.toString().strip()));
            } else {
                for (String item : raw.toString().split(",")) {
                    if (!item.isBlank()) {
                        values.add(item.strip());
                    }
                }
            }
            return List.copyOf(values);
        }, null, false, null, doc, false);
    }

    /**
     * A structured value (a list or map of YAML nodes) turned into T by the given function. From the environment it
     * is given as YAML or JSON text.
     */
    public static <T> Setting<T> structured(String name, String type, Function<Object, T> parser, String doc) {
        return new Setting<>(name, type, raw -> parser.apply(raw instanceof String text ? parseYaml(text) : raw),
                null, false, null, doc, false);
    }

    private static Object parseYaml(String text) {
        try {
            return Config.YAML.readValue(text, Object.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not valid YAML or JSON: " + e.getMessage());
        }
    }

    /**
     * Parses {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d} or ISO-8601 {@code PT30S}.
     *
     * @throws IllegalArgumentException with a message for the operator
     */
    public static Duration parseDuration(Object raw) {
        String text = raw.toString().strip();
        Matcher simple = SIMPLE_DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            return switch (simple.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expected a duration such as 30s, 5m or PT30S, got '" + raw + "'");
        }
    }
}
