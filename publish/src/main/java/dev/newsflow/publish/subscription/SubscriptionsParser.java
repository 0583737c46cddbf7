package dev.newsflow.publish.subscription;

import dev.newsflow.contract.StandardWebhooks;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the subscriptions from their YAML form (a list of mappings) and checks them, collecting every problem
 * before it fails. Problems never quote a secret.
 *
 * <pre>{@code
 * - id: poland-desk
 *   url: https://example.org/hooks/newsflow
 *   secrets: [whsec_new..., whsec_old...]     # or secret: whsec_...
 *   filter: {tags: [Q36], tagsAll: [Q1], languages: [pl, en], sources: [Q1485196, cited], feeds: [pap]}
 *   enabled: true
 * }</pre>
 */
public final class SubscriptionsParser {

    /** Ids name consumer groups and appear in logs, so they are kept to a safe alphabet. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private static final Set<String> KEYS = Set.of("id", "url", "secret", "secrets", "filter", "enabled");
    private static final Set<String> FILTER_KEYS = Set.of("tags", "tagsAll", "languages", "sources", "feeds");

    private SubscriptionsParser() {
    }

    /**
     * The subscriptions in a YAML node; null means none.
     *
     * @throws IllegalArgumentException naming every problem found, separated by {@code "; "}
     */
    public static List<Subscription> parse(Object raw) {
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> items)) {
            throw new IllegalArgumentException("expected a list of subscriptions, each with id, url, secret and filter");
        }
        List<String> problems = new ArrayList<>();
        List<Subscription> subscriptions = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int index = 0; index < items.size(); index++) {
            Object item = items.get(index);
            String where = "subscription #" + (index + 1);
            if (!(item instanceof Map<?, ?> fields)) {
                problems.add(where + " must be a mapping with id, url, secret and filter");
                continue;
            }
            Object id = fields.get("id");
            if (id != null) {
                where += " ('" + id + "')";
            }
            subscriptions.add(subscription(fields, new Problems(where, problems)));
            if (id != null && !ids.add(id.toString().strip())) {
                problems.add(where + ": id '" + id + "' is used by another subscription");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException((problems.size() == 1 ? "" : problems.size() + " problems: ")
                    + String.join("; ", problems));
        }
        return List.copyOf(subscriptions);
    }

    /** The subscription, or null when it has problems (all of which were added). */
    private static Subscription subscription(Map<?, ?> fields, Problems problems) {
        int before = problems.count();
        for (Object key : fields.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                problems.add("unknown key '" + key + "' (known: id, url, secret, secrets, filter, enabled)");
            }
        }
        String id = id(fields.get("id"), problems);
        URI url = url(fields.get("url"), problems);
        List<String> secrets = secrets(fields.get("secret"), fields.get("secrets"), problems);
        SubscriptionFilter filter = filter(fields.get("filter"), problems);
        boolean enabled = enabled(fields.get("enabled"), problems);
        if (problems.count() > before) {
            return null;
        }
        return new Subscription(id, filter, new WebhookDelivery(url, secrets), enabled);
    }

    private static String id(Object raw, Problems problems) {
        if (raw == null || raw.toString().isBlank()) {
            problems.add("id is required");
            return null;
        }
        String id = raw.toString().strip();
        if (!ID.matcher(id).matches()) {
            problems.add("id must be 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return id;
    }

    private static URI url(Object raw, Problems problems) {
        if (raw == null || raw.toString().isBlank()) {
            problems.add("url is required");
            return null;
        }
        try {
            URI url = new URI(raw.toString().strip());
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
                problems.add("url must be an absolute http(s) URL with a host, got " + WebhookDelivery.redact(url));
                return null;
            }
            return url;
        } catch (URISyntaxException e) {
            problems.add("url is not a valid URL: " + e.getReason());
            return null;
        }
    }

    private static List<String> secrets(Object single, Object list, Problems problems) {
        if (single != null && list != null) {
            problems.add("give either secret or secrets, not both");
            return List.of();
        }
        List<String> secrets = single != null ? strings(single, "secret", problems) : strings(list, "secrets", problems);
        if (secrets.isEmpty()) {
            problems.add("a signing secret is required: secret: whsec_... (or secrets: [...] while rotating)");
        }
        for (int index = 0; index < secrets.size(); index++) {
            if (!StandardWebhooks.isValidSecret(secrets.get(index))) {
                problems.add((single != null ? "secret" : "secret #" + (index + 1))
                        + " is not a valid Standard Webhooks secret (whsec_ followed by base64 of at least 16 bytes)");
            }
        }
        return secrets;
    }

    private static SubscriptionFilter filter(Object raw, Problems problems) {
        if (raw == null) {
            return SubscriptionFilter.ALL;
        }
        if (!(raw instanceof Map<?, ?> fields)) {
            problems.add("filter must be a mapping with tags, languages, sources and feeds");
            return SubscriptionFilter.ALL;
        }
        for (Object key : fields.keySet()) {
            if (!FILTER_KEYS.contains(String.valueOf(key))) {
                problems.add("unknown filter key '" + key + "' (known: tags, tagsAll, languages, sources, feeds)");
            }
        }
        return new SubscriptionFilter(
                new LinkedHashSet<>(strings(fields.get("tags"), "filter.tags", problems)),
                new LinkedHashSet<>(strings(fields.get("tagsAll"), "filter.tagsAll", problems)),
                new LinkedHashSet<>(strings(fields.get("languages"), "filter.languages", problems)),
                new LinkedHashSet<>(strings(fields.get("sources"), "filter.sources", problems)),
                new LinkedHashSet<>(strings(fields.get("feeds"), "filter.feeds", problems)));
    }

    private static boolean enabled(Object raw, Problems problems) {
        if (raw == null || raw instanceof Boolean) {
            return raw == null || (Boolean) raw;
        }
        return switch (raw.toString().strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> {
                problems.add("enabled must be true or false, got '" + raw + "'");
                yield true;
            }
        };
    }

    /** A YAML scalar or sequence of scalars as strings; a scalar is a one-element list. */
    private static List<String> strings(Object raw, String name, Problems problems) {
        if (raw == null) {
            return List.of();
        }
        List<?> items = raw instanceof List<?> list ? list : List.of(raw);
        List<String> values = new ArrayList<>();
        for (Object item : items) {
            if (item == null || item instanceof Map || item instanceof List || item.toString().isBlank()) {
                problems.add(name + " must hold plain, non-empty values");
                return List.of();
            }
            values.add(item.toString().strip());
        }
        return values;
    }

    /** The problems of one subscription, each prefixed with where it was found. */
    private static final class Problems {
        private final String where;
        private final List<String> all;
        private int count;

        Problems(String where, List<String> all) {
            this.where = where;
            this.all = all;
        }

        void add(String problem) {
            all.add(where + ": " + problem);
            count++;
        }

        int count() {
            return count;
        }
    }
}
