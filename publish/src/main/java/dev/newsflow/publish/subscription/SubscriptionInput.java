package dev.newsflow.publish.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.contract.StandardWebhooks;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads a subscription from its JSON form (the API's request body) and checks it, collecting every problem. Problems
 * name the field and what it must be, never the value given, so they can be returned and logged safely.
 *
 * <pre>{@code
 * {"id": "poland-desk",
 *  "filter": {"tags": ["Q36"], "tagsAll": [], "sources": ["Q1485196", "cited"], "languages": ["pl"], "feeds": []},
 *  "delivery": {"type": "webhook", "url": "https://example.org/hook", "secrets": ["whsec_..."]}}
 * }</pre>
 */
public final class SubscriptionInput {

    static final int MAX_VALUES = 200;
    static final int MAX_VALUE_LENGTH = 200;
    static final int MAX_URL_LENGTH = 2000;
    static final int MAX_SECRETS = 5;

    private static final Set<String> KEYS = Set.of("id", "filter", "delivery");
    private static final Set<String> FILTER_KEYS = Set.of("tags", "tagsAll", "sources", "languages", "feeds");
    private static final Set<String> DELIVERY_KEYS = Set.of("type", "url", "secrets");

    /** Checks a webhook URL's target; returns a problem when it is refused. */
    @FunctionalInterface
    public interface TargetCheck extends Function<URI, Optional<String>> {
        TargetCheck ANY = url -> Optional.empty();
    }

    private SubscriptionInput() {
    }

    /**
     * A new subscription, active, with the id given or a generated one.
     *
     * @throws SubscriptionException of kind {@code INVALID} naming every problem
     */
    public static StoredSubscription create(JsonNode body, Supplier<String> newId, TargetCheck targets, Instant now) {
        List<String> problems = new ArrayList<>();
        JsonNode object = object(body, problems);
        String id = object.has("id") ? id(object.get("id"), problems) : newId.get();
        SubscriptionFilter filter = filter(object.get("filter"), problems);
        Delivery delivery = delivery(object.get("delivery"), Optional.empty(), targets, problems);
        failIfAny(problems);
        return new StoredSubscription(id, filter, delivery, SubscriptionState.ACTIVE, null,
                StoredSubscription.Origin.API, now, now);
    }

    /**
     * The subscription with the filter and delivery of the body, which replace the current ones; the secrets may be
     * left out to keep the current ones (they are never returned, so a client cannot send them back). State, origin
     * and creation time are kept. An id in the body must be the subscription's.
     */
    public static StoredSubscription update(StoredSubscription current, JsonNode body, TargetCheck targets,
                                            Instant now) {
        List<String> problems = new ArrayList<>();
        JsonNode object = object(body, problems);
        if (object.has("id") && !(object.get("id").isTextual() && object.get("id").asText().equals(current.id()))) {
            problems.add("id must be left out or be the id in the path");
        }
        SubscriptionFilter filter = filter(object.get("filter"), problems);
        Delivery delivery = delivery(object.get("delivery"), Optional.of(current.delivery()), targets, problems);
        failIfAny(problems);
        return current.redefine(filter, delivery, now);
    }

    /** Checks an id given on its own (a path segment or command-line argument). */
    public static String checkId(String id) {
        List<String> problems = new ArrayList<>();
        if (id == null || !SubscriptionsParser.ID.matcher(id).matches()) {
            problems.add(ID_RULE);
        }
        failIfAny(problems);
        return id;
    }

    private static final String ID_RULE =
            "id must be 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit";

    private static JsonNode object(JsonNode body, List<String> problems) {
        if (body == null || !body.isObject()) {
            problems.add("the body must be a JSON object with filter and delivery");
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        unknownKeys(body, KEYS, "", problems);
        return body;
    }

    private static String id(JsonNode raw, List<String> problems) {
        if (!raw.isTextual() || !SubscriptionsParser.ID.matcher(raw.asText()).matches()) {
            problems.add(ID_RULE);
            return null;
        }
        return raw.asText();
    }

    private static SubscriptionFilter filter(JsonNode raw, List<String> problems) {
        if (raw == null || raw.isNull()) {
            return SubscriptionFilter.ALL;
        }
        if (!raw.isObject()) {
            problems.add("filter must be an object with tags, tagsAll, sources, languages and feeds");
            return SubscriptionFilter.ALL;
        }
        unknownKeys(raw, FILTER_KEYS, "filter.", problems);
        Set<String> languages = strings(raw.get("languages"), "filter.languages", problems);
        for (String language : languages) {
            if (!language.matches("[A-Za-z]{2,3}")) {
                problems.add("filter.languages must hold ISO 639 codes such as pl or en");
                break;
            }
        }
        return new SubscriptionFilter(strings(raw.get("tags"), "filter.tags", problems),
                strings(raw.get("tagsAll"), "filter.tagsAll", problems), languages,
                strings(raw.get("sources"), "filter.sources", problems),
                strings(raw.get("feeds"), "filter.feeds", problems));
    }

    private static Delivery delivery(JsonNode raw, Optional<Delivery> current, TargetCheck targets,
                                     List<String> problems) {
        if (raw == null || !raw.isObject()) {
            problems.add("delivery is required: {\"type\": \"webhook\", \"url\": ..., \"secrets\": [\"whsec_...\"]} "
                    + "or {\"type\": \"pull\"}");
            return null;
        }
        unknownKeys(raw, DELIVERY_KEYS, "delivery.", problems);
        String type = raw.has("type") && raw.get("type").isTextual()
                ? raw.get("type").asText().toLowerCase(Locale.ROOT) : "webhook";
        if (type.equals("pull")) {
            if (raw.has("url") || raw.has("secrets")) {
                problems.add("a pull delivery has no url and no secrets");
            }
            return Delivery.pull();
        }
        if (!type.equals("webhook")) {
            problems.add("delivery.type must be webhook or pull");
            return null;
        }
        URI url = url(raw.get("url"), targets, problems);
        List<String> secrets;
        if (raw.has("secrets")) {
            secrets = secrets(raw.get("secrets"), problems);
        } else if (current.isPresent() && current.get().type() == Delivery.Type.WEBHOOK) {
            secrets = current.get().secrets();
        } else {
            problems.add("delivery.secrets is required: a list of one or more Standard Webhooks secrets (whsec_...)");
            return null;
        }
        return url == null || secrets.isEmpty() ? null : Delivery.webhook(url, secrets);
    }

    private static URI url(JsonNode raw, TargetCheck targets, List<String> problems) {
        if (raw == null || !raw.isTextual() || raw.asText().isBlank()) {
            problems.add("delivery.url is required for a webhook");
            return null;
        }
        if (raw.asText().length() > MAX_URL_LENGTH) {
            problems.add("delivery.url must be at most " + MAX_URL_LENGTH + " characters");
            return null;
        }
        URI url;
        try {
            url = new URI(raw.asText().strip());
        } catch (URISyntaxException e) {
            problems.add("delivery.url is not a valid URL");
            return null;
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            problems.add("delivery.url must be an absolute http or https URL with a host");
            return null;
        }
        if (url.getRawFragment() != null) {
            problems.add("delivery.url must not have a fragment");
            return null;
        }
        Optional<String> refused = targets.apply(url);
        refused.ifPresent(problems::add);
        return refused.isPresent() ? null : url;
    }

    private static List<String> secrets(JsonNode raw, List<String> problems) {
        if (raw == null || !raw.isArray() || raw.isEmpty() || raw.size() > MAX_SECRETS) {
            problems.add("delivery.secrets must be a list of 1 to " + MAX_SECRETS
                    + " Standard Webhooks secrets (whsec_...)");
            return List.of();
        }
        List<String> secrets = new ArrayList<>();
        for (int index = 0; index < raw.size(); index++) {
            JsonNode secret = raw.get(index);
            if (!secret.isTextual() || !StandardWebhooks.isValidSecret(secret.asText())) {
                problems.add("delivery.secrets #" + (index + 1) + " is not a valid Standard Webhooks secret "
                        + "(whsec_ followed by base64 of at least 16 bytes)");
                return List.of();
            }
            secrets.add(secret.asText());
        }
        return secrets;
    }

    private static Set<String> strings(JsonNode raw, String name, List<String> problems) {
        if (raw == null || raw.isNull()) {
            return Set.of();
        }
        if (!raw.isArray() || raw.size() > MAX_VALUES) {
            problems.add(name + " must be a list of at most " + MAX_VALUES + " strings");
            return Set.of();
        }
        Set<String> values = new LinkedHashSet<>();
        for (JsonNode item : raw) {
            if (!item.isTextual() || item.asText().isBlank() || item.asText().length() > MAX_VALUE_LENGTH
                    || item.asText().chars().anyMatch(Character::isISOControl)) {
                problems.add(name + " must hold non-empty strings of at most " + MAX_VALUE_LENGTH
                        + " characters without control characters");
                return Set.of();
            }
            values.add(item.asText().strip());
        }
        return values;
    }

    private static void unknownKeys(JsonNode object, Set<String> known, String prefix, List<String> problems) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            if (!known.contains(names.next())) {
                problems.add("unknown field in " + (prefix.isEmpty() ? "the body" : prefix.substring(0,
                        prefix.length() - 1)) + " (known: " + String.join(", ", known.stream().sorted().toList())
                        + ")");
                return;
            }
        }
    }

    private static void failIfAny(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new SubscriptionException(SubscriptionException.Kind.INVALID, problems);
        }
    }
}
