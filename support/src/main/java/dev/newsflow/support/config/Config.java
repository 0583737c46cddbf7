package dev.newsflow.support.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A loaded, validated configuration: declared settings from a YAML file with environment-variable overrides.
 *
 * <p>Loading checks everything before it fails: unknown keys, unparseable values, failed validations and
 * missing required settings all end up in one {@link ConfigException}. Keys under a pass-through prefix (such as
 * {@code kafka.}) that are not declared are kept verbatim for the Kafka clients, so any client setting (security
 * protocol, SASL, TLS) can be given without newsflow declaring it.
 */
public final class Config {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Map<String, Object> values;
    private final Map<String, Setting<?>> settings;
    private final Map<String, Map<String, String>> passThrough;

    private Config(Map<String, Object> values, Map<String, Setting<?>> settings,
                   Map<String, Map<String, String>> passThrough) {
        this.values = values;
        this.settings = settings;
        this.passThrough = passThrough;
    }

    /**
     * Loads the settings from an optional YAML file, then applies environment overrides.
     *
     * @param declared           every setting the service reads
     * @param passThroughPrefixes prefixes whose undeclared keys pass through (e.g. {@code "kafka."})
     * @param file               YAML file, if any
     * @param environment        usually {@code System.getenv()}
     */
    public static Config load(List<Setting<?>> declared, List<String> passThroughPrefixes, Optional<Path> file,
                              Map<String, String> environment) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> raw = new LinkedHashMap<>();
        file.ifPresent(path -> readYaml(path, raw, problems));
        return load(declared, passThroughPrefixes, raw, environment, problems, file);
    }

    /**
     * A configuration from values given in code (dotted names, as in the YAML file), validated like a file; for
     * launchers that assemble the configuration themselves, such as the demo.
     */
    public static Config of(List<Setting<?>> declared, List<String> passThroughPrefixes, Map<String, ?> values) {
        Map<String, Object> raw = new LinkedHashMap<>(values);
        return load(declared, passThroughPrefixes, raw, Map.of(), new ArrayList<>(), Optional.empty());
    }

    private static Config load(List<Setting<?>> declared, List<String> passThroughPrefixes, Map<String, Object> raw,
                               Map<String, String> environment, List<String> problems, Optional<Path> file) {

        Map<String, Setting<?>> settings = new LinkedHashMap<>();
        declared.forEach(setting -> settings.put(setting.name(), setting));

        Map<String, Map<String, String>> passThrough = new LinkedHashMap<>();
        passThroughPrefixes.forEach(prefix -> passThrough.put(prefix, new TreeMap<>()));

        for (Map.Entry<String, Object> entry : raw.entrySet()) {
            String key = entry.getKey();
            if (settings.containsKey(key)) {
                continue;
            }
            Optional<String> prefix = passThroughPrefixes.stream().filter(key::startsWith).findFirst();
            if (prefix.isPresent() && !(entry.getValue() instanceof Map)) {
                passThrough.get(prefix.get()).put(key.substring(prefix.get().length()), String.valueOf(entry.getValue()));
            } else {
                problems.add("unknown setting '" + key + "'" + file.map(path -> " in " + path).orElse(""));
            }
        }
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            for (String prefix : passThroughPrefixes) {
                String envPrefix = "NEWSFLOW_" + prefix.toUpperCase(Locale.ROOT).replace('.', '_');
                String name = variable.getKey();
                boolean declaredVariable = settings.values().stream()
                        .anyMatch(setting -> setting.environmentVariable().equals(name));
                if (name.startsWith(envPrefix) && !declaredVariable) {
                    String clientKey = name.substring(envPrefix.length()).toLowerCase(Locale.ROOT).replace('_', '.');
                    passThrough.get(prefix).put(clientKey, variable.getValue());
                }
            }
        }

        Map<String, Object> values = new LinkedHashMap<>();
        for (Setting<?> setting : settings.values()) {
            String fromEnvironment = environment.get(setting.environmentVariable());
            Object value = fromEnvironment != null ? fromEnvironment : raw.get(setting.name());
            String origin = fromEnvironment != null ? " (from " + setting.environmentVariable() + ")" : "";
            parse(setting, value, origin, problems).ifPresent(parsed -> values.put(setting.name(), parsed));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Config(values, settings, passThrough);
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        if (!settings.containsKey(setting.name())) {
            throw new IllegalArgumentException("setting " + setting.name() + " is not declared for this service");
        }
        T value = (T) values.get(setting.name());
        if (value == null) {
            throw new IllegalStateException("setting " + setting.name() + " is optional and unset; use find()");
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    public <T> Optional<T> find(Setting<T> setting) {
        return Optional.ofNullable((T) values.get(setting.name()));
    }

    /** Undeclared keys under the prefix, with the prefix removed. */
    public Map<String, String> passThrough(String prefix) {
        return Map.copyOf(passThrough.getOrDefault(prefix, Map.of()));
    }

    /** The effective configuration, one {@code name = value} per line, secrets masked. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        settings.values().forEach(setting -> text.append(setting.name()).append(" = ")
                .append(values.containsKey(setting.name()) ? mask(setting.secret(), values.get(setting.name())) : "(unset)")
                .append('\n'));
        passThrough.forEach((prefix, entries) -> entries.forEach((key, value) -> text.append(prefix).append(key)
                .append(" = ").append(mask(isSecretKey(key), value)).append('\n')));
        return text.toString();
    }

    private static String mask(boolean secret, Object value) {
        return secret ? "******" : String.valueOf(value);
    }

    private static boolean isSecretKey(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.contains("password") || lower.contains("secret") || lower.contains("jaas") || lower.endsWith(".key");
    }

    private static <T> Optional<T> parse(Setting<T> setting, Object value, String origin, List<String> problems) {
        if (value == null || (value instanceof String text && text.isBlank() && !setting.type().equals("string"))) {
            if (setting.defaultValue() == null && !setting.optional()) {
                problems.add(setting.name() + " is required (" + setting.doc() + "); set it in the config file or "
                        + setting.environmentVariable());
            }
            return Optional.ofNullable(setting.defaultValue());
        }
        try {
            T parsed = setting.parser().apply(value);
            Optional<String> problem = setting.validator().apply(parsed);
            if (problem.isPresent()) {
                problems.add(setting.name() + origin + " " + problem.get());
                return Optional.empty();
            }
            return Optional.of(parsed);
        } catch (IllegalArgumentException e) {
            problems.add(setting.name() + origin + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private static void readYaml(Path path, Map<String, Object> into, List<String> problems) {
        if (!Files.isRegularFile(path)) {
            problems.add("config file " + path.toAbsolutePath() + " does not exist");
            return;
        }
        try {
            Object root = YAML.readValue(path.toFile(), Object.class);
            if (root == null) {
                return;
            }
            if (!(root instanceof Map<?, ?> map)) {
                problems.add("config file " + path + " must hold a YAML mapping of settings");
                return;
            }
            flatten("", map, into);
        } catch (IOException e) {
            problems.add("config file " + path + " is not valid YAML: " + e.getMessage());
        }
    }

    /** Nested mappings become dotted names; lists and mappings under a list stay as they are. */
    private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> into) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = prefix + entry.getKey();
            if (entry.getValue() instanceof Map<?, ?> nested && !nested.isEmpty()) {
                into.put(key, nested);
                flatten(key + ".", nested, into);
                into.remove(key);
            } else {
                into.put(key, entry.getValue());
            }
        }
    }
}
