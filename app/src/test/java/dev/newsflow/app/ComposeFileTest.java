package dev.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.newsflow.contract.TopicSpec;
import dev.newsflow.contract.Topics;
import dev.newsflow.ingest.feed.FeedDefinition;
import dev.newsflow.ingest.feed.FeedList;
import dev.newsflow.ingest.fulltext.FullTextMode;
import dev.newsflow.support.config.Config;
import dev.newsflow.support.config.ConfigException;
import dev.newsflow.support.config.Setting;
import dev.newsflow.support.kafka.KafkaSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docker-compose.yml, alone and with docker-compose.scale.yml, checked against the code, so compose cannot drift
 * from it: the services run the launcher's subcommands from the image Maven builds, every NEWSFLOW_* variable names
 * a setting the service declares (or a Kafka client setting passed through) and holds a value the service accepts,
 * the topics service creates exactly the declared topics, and every client points at the compose Kafka. The
 * variables the logging configuration reads (NEWSFLOW_LOG_LEVEL, ...) are allowed too.
 *
 * <p>The files are read with SnakeYAML, the parser under jackson-dataformat-yaml, because they use anchors and merge
 * keys ({@code <<: *newsflow-service}), which Jackson's YAML reader does not expand. {@code ${VAR:-default}} is
 * interpolated with its default, as {@code docker compose up} does without a .env file.
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."))
            .toAbsolutePath().normalize();
    private static final String KAFKA_IMAGE = "apache/kafka";
    private static final List<String> PASS_THROUGH = List.of(KafkaSettings.PASS_THROUGH_PREFIX);
    private static final String PASS_THROUGH_VARIABLE = "NEWSFLOW_KAFKA_";
    private static final Pattern VARIABLE = Pattern.compile("\\$(\\$|\\{([A-Za-z_][A-Za-z0-9_]*)((:?-)([^}]*))?}"
            + "|([A-Za-z_][A-Za-z0-9_]*))");
    private static final Pattern CREATE_TOPIC = Pattern.compile("(?m)^\\s*create\\s+(\\S+)\\s+(compact|delete)\\s*$");

    /** The single-node layout and the scale-out layout, as compose merges them. */
    static Stream<Compose> layouts() throws IOException {
        Map<String, Object> single = read("docker-compose.yml");
        return Stream.of(new Compose("docker-compose.yml", single),
                new Compose("docker-compose.yml + docker-compose.scale.yml",
                        merge(read("docker-compose.yml"), read("docker-compose.scale.yml"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void shouldRunEachServiceWithItsLauncherCommandFromTheImageMavenBuilds(Compose compose) throws Exception {
        String image = jibImage();
        for (String service : ConfigReference.SERVICES) {
            assertThat(compose.services()).as("services of %s", compose).containsKey(service);
        }
        List<String> problems = new ArrayList<>();
        for (String name : compose.services().keySet()) {
            List<String> command = compose.command(name);
            boolean runsService = !command.isEmpty() && ConfigReference.SERVICES.contains(command.get(0));
            boolean usesImage = compose.image(name).startsWith(image + ":");
            if (runsService != usesImage) {
                problems.add(name + ": runs " + command + " from " + compose.image(name)
                        + "; the services run 'ingest', 'enrich' or 'publish' from " + image);
            } else if (runsService && (command.size() != 1 || !name.matches(Pattern.quote(command.get(0)) + "(-\\d+)?"))) {
                problems.add(name + ": runs " + command + "; a service named S or S-N runs [S] alone");
            }
            if (usesImage && !Set.of(image + ":latest", image + ":" + projectVersion()).contains(compose.image(name))) {
                problems.add(name + ": image " + compose.image(name) + " is tagged neither latest nor "
                        + projectVersion());
            }
        }
        assertThat(problems).as("services of %s", compose).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void shouldSetOnlyDeclaredSettingsOrKafkaClientSettings(Compose compose) {
        Set<String> clientSettings = new HashSet<>(ProducerConfig.configNames());
        clientSettings.addAll(ConsumerConfig.configNames());
        clientSettings.addAll(AdminClientConfig.configNames());
        List<String> problems = new ArrayList<>();
        for (String name : compose.newsflowServices()) {
            Set<String> declared = settingsOf(compose, name).stream().map(Setting::environmentVariable)
                    .collect(Collectors.toCollection(HashSet::new));
            declared.addAll(loggingVariables());
            for (String variable : compose.environment(name).keySet()) {
                if (!variable.startsWith("NEWSFLOW_") || declared.contains(variable)) {
                    continue;
                }
                String clientKey = variable.startsWith(PASS_THROUGH_VARIABLE)
                        ? variable.substring(PASS_THROUGH_VARIABLE.length()).toLowerCase(Locale.ROOT).replace('_', '.')
                        : null;
                if (clientKey == null || !clientSettings.contains(clientKey)) {
                    problems.add(name + ": " + variable + " names no setting of " + compose.command(name).get(0)
                            + (clientKey == null ? "" : " and no Kafka client setting (" + clientKey + ")"));
                }
            }
        }
        assertThat(problems).as("NEWSFLOW_* variables of %s (./newsflow config-reference lists the settings)", compose)
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void shouldGiveEachServiceAConfigurationItAccepts(Compose compose) {
        List<String> problems = new ArrayList<>();
        for (String name : compose.newsflowServices()) {
            try {
                config(compose, name);
            } catch (ConfigException e) {
                problems.add(name + ": " + e.getMessage());
            }
        }
        assertThat(problems).as("configurations of %s", compose).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void shouldCreateEveryDeclaredTopicAsTheServicesWould(Compose compose) {
        Map<String, String> environment = compose.environment("topics");
        String script = String.join("\n", compose.command("topics"));
        Map<String, String> created = new TreeMap<>();
        Matcher create = CREATE_TOPIC.matcher(script);
        while (create.find()) {
            created.put(create.group(1), create.group(2));
        }
        Map<String, String> declared = new TreeMap<>();
        for (TopicSpec<?, ?> topic : Topics.all()) {
            declared.put(topic.name(), topic.configs().get("cleanup.policy"));
        }
        assertThat(created).as("topics (cleanup policy) that the topics service of %s creates", compose)
                .isEqualTo(declared);
        assertThat(script).contains("--partitions \"$TOPIC_PARTITIONS\"", "--replication-factor \"$REPLICATION_FACTOR\"",
                "--bootstrap-server \"$BOOTSTRAP_SERVERS\"");

        for (String name : compose.newsflowServices()) {
            Config config = config(compose, name);
            assertThat(config.get(KafkaSettings.PARTITIONS)).as("%s: partitions of the topics it creates", name)
                    .isEqualTo(Integer.parseInt(environment.get("TOPIC_PARTITIONS")));
            assertThat(config.get(KafkaSettings.REPLICATION_FACTOR)).as("%s: replication of the topics it creates", name)
                    .isEqualTo(Integer.parseInt(environment.get("REPLICATION_FACTOR")));
        }
        assertThat(compose.dependsOn("topics")).as("topics waits for every broker")
                .containsAllEntriesOf(compose.brokerNames().stream()
                        .collect(Collectors.toMap(broker -> broker, broker -> "service_healthy")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void shouldPointEveryClientAtEveryBrokerOfTheComposeKafka(Compose compose) {
        Set<String> brokers = new LinkedHashSet<>();
        for (String broker : compose.brokerNames()) {
            String advertised = compose.environment(broker).getOrDefault("KAFKA_ADVERTISED_LISTENERS", "");
            Matcher plaintext = Pattern.compile("PLAINTEXT://([^,]+)").matcher(advertised);
            assertThat(plaintext.find()).as("%s advertises a PLAINTEXT listener: %s", broker, advertised).isTrue();
            assertThat(plaintext.group(1)).as("%s's advertised PLAINTEXT listener", broker).startsWith(broker + ":");
            brokers.add(plaintext.group(1));
        }
        Map<String, String> clients = new TreeMap<>();
        compose.newsflowServices().forEach(name -> clients.put(name, config(compose, name).get(KafkaSettings.BOOTSTRAP_SERVERS)));
        clients.put("topics", compose.environment("topics").get("BOOTSTRAP_SERVERS"));
        clients.forEach((name, bootstrapServers) -> {
            Set<String> servers = Arrays.stream(bootstrapServers.split(",")).map(String::strip)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            assertThat(servers).as("%s: bootstrap servers", name).isEqualTo(brokers);
        });
        for (String name : compose.newsflowServices()) {
            Map<String, String> dependsOn = compose.dependsOn(name);
            compose.brokerNames().forEach(broker -> assertThat(dependsOn).as("%s waits for %s", name, broker)
                    .containsEntry(broker, "service_healthy"));
            assertThat(dependsOn).as("%s waits for the topics", name)
                    .containsEntry("topics", "service_completed_successfully");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void shouldReplicateNoWiderThanTheCluster(Compose compose) {
        int brokers = compose.brokerNames().size();
        List<String> problems = new ArrayList<>();
        int replication = Integer.parseInt(compose.environment("topics").get("REPLICATION_FACTOR"));
        if (replication > brokers) {
            problems.add("topics: REPLICATION_FACTOR " + replication);
        }
        for (String broker : compose.brokerNames()) {
            Map<String, String> environment = compose.environment(broker);
            environment.forEach((variable, value) -> {
                if (variable.endsWith("_REPLICATION_FACTOR") && Integer.parseInt(value) > brokers) {
                    problems.add(broker + ": " + variable + " " + value);
                }
            });
            String voters = environment.getOrDefault("KAFKA_CONTROLLER_QUORUM_VOTERS", "");
            assertThat(Arrays.stream(voters.split(",")).map(voter -> voter.replaceAll("^\\d+@|:\\d+$", "")).toList())
                    .as("%s: controller quorum voters", broker).containsExactlyInAnyOrderElementsOf(compose.brokerNames());
        }
        assertThat(problems).as("replication wider than the %d broker(s) of %s", brokers, compose).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void shouldGiveEachInstanceItsOwnStableId(Compose compose) {
        for (String service : List.of("ingest", "enrich")) {
            String variable = "NEWSFLOW_" + service.toUpperCase(Locale.ROOT) + "_INSTANCE_ID";
            assertThat(settingsOf(compose, service)).extracting(Setting::environmentVariable).contains(variable);
            List<String> instances = compose.newsflowServices().stream()
                    .filter(name -> compose.command(name).get(0).equals(service)).toList();
            List<String> ids = instances.stream().map(name -> compose.environment(name).get(variable)).toList();
            assertThat(ids).as("%s of %s", variable, instances).doesNotContainNull().doesNotHaveDuplicates();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void shouldPollTheSampleFeedsThatTheSampleSiteServes(Compose compose) throws IOException {
        Path site = ROOT.resolve("app/src/main/resources/demo/site");
        String siteService = compose.services().keySet().stream()
                .filter(name -> compose.bindMounts(name).containsValue(site)).findFirst()
                .orElseThrow(() -> new AssertionError("no service of " + compose + " serves " + site));
        for (String name : compose.newsflowServices()) {
            if (!compose.command(name).get(0).equals("ingest")) {
                continue;
            }
            Config config = config(compose, name);
            Path feedsFile = config.find(ComposeFileTest.<Path>setting(compose, name, "ingest.feeds-file"))
                    .orElseThrow(() -> new AssertionError(name + " sets no ingest.feeds-file"));
            Path source = compose.bindMounts(name).get(feedsFile.toString());
            assertThat(source).as("%s mounts its ingest.feeds-file %s from the repository", name, feedsFile).isNotNull();
            FeedList feeds = FeedList.parse(Files.readString(source), FullTextMode.AUTO, source.toString());

            assertThat(feeds.feeds()).extracting(FeedDefinition::id)
                    .containsExactlyElementsOf(SampleSite.FEEDS.stream().map(SampleSite.SampleFeed::id).toList());
            for (SampleSite.SampleFeed sample : SampleSite.FEEDS) {
                URI url = feeds.feeds().stream().filter(feed -> feed.id().equals(sample.id())).findFirst().orElseThrow().url();
                assertThat(url.getHost()).as("host of feed %s", sample.id()).isEqualTo(siteService);
                assertThat(url.getPath()).as("path of feed %s", sample.id()).isEqualTo(sample.path());
                assertThat(site.resolve(sample.path().substring(1))).as("the sample site's file").isRegularFile();
            }
            assertThat(config.get(ComposeFileTest.<List<String>>setting(compose, name, "ingest.fetch.trusted-hosts")))
                    .as("%s trusts the sample site on the compose network, and no other private host", name)
                    .containsExactly(siteService);
            assertThat(config.get(ComposeFileTest.<Boolean>setting(compose, name, "ingest.fetch.allow-private-addresses")))
                    .isFalse();
            assertThat(compose.dependsOn(name)).containsEntry(siteService, "service_healthy");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    @SuppressWarnings("unchecked")
    void shouldDeliverToTheSubscriberWithItsSecret(Compose compose) throws IOException {
        for (String name : compose.newsflowServices()) {
            if (!compose.command(name).get(0).equals("publish")) {
                continue;
            }
            Config config = config(compose, name);
            assertThat(config.get(ComposeFileTest.<Boolean>setting(compose, name, "publish.allow-private-targets")))
                    .as("%s may deliver on the compose network", name).isTrue();
            String subscriptions = compose.environment(name).get("NEWSFLOW_PUBLISH_SUBSCRIPTIONS");
            List<Map<String, Object>> parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(subscriptions);
            assertThat(parsed).as("%s: subscriptions", name).isNotEmpty();
            for (Map<String, Object> subscription : parsed) {
                String receiver = URI.create(subscription.get("url").toString()).getHost();
                assertThat(compose.services()).as("%s delivers to a compose service", name).containsKey(receiver);
                assertThat(compose.environment(receiver).get("WEBHOOK_SECRET"))
                        .as("%s verifies the signatures of subscription %s", receiver, subscription.get("id"))
                        .isEqualTo(subscription.get("secret"));
                assertThat(compose.dependsOn(name)).containsEntry(receiver, "service_healthy");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void shouldMountOnlyFilesOfTheRepository(Compose compose) {
        for (String name : compose.services().keySet()) {
            compose.bindMounts(name).forEach((target, source) -> assertThat(source)
                    .as("%s mounts %s at %s", name, source, target).exists().startsWith(ROOT));
        }
    }

    @Test
    void shouldRunTheKafkaVersionOfTheProject() throws Exception {
        String version = property(pom(ROOT.resolve("pom.xml")).getDocumentElement(), "kafka.version");
        for (Compose compose : layouts().toList()) {
            assertThat(compose.brokerNames()).isNotEmpty();
            for (String name : compose.services().keySet()) {
                if (compose.image(name).startsWith(KAFKA_IMAGE + ":")) {
                    assertThat(compose.image(name)).as("%s of %s", name, compose).isEqualTo(KAFKA_IMAGE + ":" + version);
                }
            }
        }
    }

    @Test
    void shouldInterpolateLikeCompose() {
        Map<String, Object> interpolated = interpolate(Map.of("a", List.of("${X:-6}", "${X-7}", "$$HOME", "n${Y:-}")));
        assertThat(interpolated).isEqualTo(Map.of("a", List.of("6", "7", "$HOME", "n")));
    }

    /** NEWSFLOW_* variables that the launcher's logging configuration reads ({@code ${NEWSFLOW_LOG_LEVEL:-INFO}}). */
    private static Set<String> loggingVariables() {
        Set<String> variables = new HashSet<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("app/src/main/resources"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".xml")).toList()) {
                Matcher variable = Pattern.compile("\\$\\{(NEWSFLOW_[A-Z0-9_]+)").matcher(Files.readString(file));
                while (variable.find()) {
                    variables.add(variable.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return variables;
    }

    // --- the launcher's view of a compose service --------------------------------------------------------------

    private static List<Setting<?>> settingsOf(Compose compose, String name) {
        return ServiceCommand.settingsOf(compose.command(name).get(0));
    }

    private static Config config(Compose compose, String name) {
        return Config.load(settingsOf(compose, name), PASS_THROUGH, Optional.empty(), compose.environment(name));
    }

    @SuppressWarnings("unchecked")
    private static <T> Setting<T> setting(Compose compose, String name, String setting) {
        return (Setting<T>) settingsOf(compose, name).stream().filter(declared -> declared.name().equals(setting))
                .findFirst().orElseThrow(() -> new AssertionError(name + " declares no setting " + setting));
    }

    // --- Maven --------------------------------------------------------------------------------------------------

    /** The image name Jib builds ({@code <to><image>} of the {@code images} profile of app/pom.xml). */
    private static String jibImage() throws Exception {
        Element project = pom(ROOT.resolve("app/pom.xml")).getDocumentElement();
        for (Element profile : children(child(project, "profiles"), "profile")) {
            if (!text(child(profile, "id")).equals("images")) {
                continue;
            }
            for (Element plugin : children(child(child(profile, "build"), "plugins"), "plugin")) {
                if (text(child(plugin, "artifactId")).equals("jib-maven-plugin")) {
                    String image = text(child(child(child(plugin, "configuration"), "to"), "image"));
                    Matcher property = Pattern.compile("\\$\\{([^}]+)}").matcher(image);
                    return property.matches() ? text(child(child(profile, "properties"), property.group(1))) : image;
                }
            }
        }
        return fail("app/pom.xml has no 'images' profile with jib-maven-plugin");
    }

    private static String projectVersion() throws Exception {
        Element project = pom(ROOT.resolve("pom.xml")).getDocumentElement();
        return text(child(project, "version"));
    }

    private static String property(Element project, String name) {
        return text(child(child(project, "properties"), name));
    }

    private static Document pom(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (InputStream in = Files.newInputStream(file)) {
            return factory.newDocumentBuilder().parse(in);
        }
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        if (found.isEmpty()) {
            throw new AssertionError("no <" + name + "> in <" + parent.getTagName() + ">");
        }
        return found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE && nodes.item(i).getNodeName().equals(name)) {
                found.add((Element) nodes.item(i));
            }
        }
        return found;
    }

    private static String text(Element element) {
        return element.getTextContent().strip();
    }

    // --- compose files ------------------------------------------------------------------------------------------

    private static Map<String, Object> read(String file) throws IOException {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(ROOT.resolve(file)));
        assertThat(root).as(file).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> model = (Map<String, Object>) root;
        return interpolate(model);
    }

    /** Compose's interpolation with the defaults: every variable needs one, so no .env file is required. */
    @SuppressWarnings("unchecked")
    private static <T> T interpolate(T node) {
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((key, value) -> copy.put(key, interpolate(value)));
            return (T) copy;
        }
        if (node instanceof List<?> list) {
            return (T) list.stream().map(ComposeFileTest::interpolate).toList();
        }
        if (node instanceof String text) {
            Matcher variable = VARIABLE.matcher(text);
            StringBuilder result = new StringBuilder();
            while (variable.find()) {
                String replacement;
                if (variable.group(1).equals("$")) {
                    replacement = "$";
                } else if (variable.group(3) != null) {
                    replacement = variable.group(5);
                } else {
                    throw new AssertionError("${" + (variable.group(2) != null ? variable.group(2) : variable.group(6))
                            + "} has no default: write ${NAME:-default} so compose runs without a .env file");
                }
                variable.appendReplacement(result, Matcher.quoteReplacement(replacement));
            }
            variable.appendTail(result);
            return (T) result.toString();
        }
        return node;
    }

    /** An override file merged into a base as compose does: mappings key by key, volumes and ports appended. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> override) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        override.forEach((key, value) -> {
            Object existing = merged.get(key);
            if (existing instanceof Map<?, ?> && value instanceof Map<?, ?>) {
                merged.put(key, merge((Map<String, Object>) existing, (Map<String, Object>) value));
            } else if (existing instanceof List<?> list && value instanceof List<?> more
                    && Set.of("volumes", "ports").contains(key)) {
                List<Object> both = new ArrayList<>(list);
                both.addAll(more);
                merged.put(key, both);
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    /** A compose model after merging and interpolation, with the views the checks need. */
    record Compose(String description, Map<String, Object> model) {

        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> services() {
            return (Map<String, Map<String, Object>>) model.get("services");
        }

        private Map<String, Object> service(String name) {
            Map<String, Object> service = services().get(name);
            if (service == null) {
                throw new AssertionError(this + " has no service " + name);
            }
            return service;
        }

        String image(String name) {
            return String.valueOf(service(name).getOrDefault("image", ""));
        }

        List<String> command(String name) {
            Object command = service(name).get("command");
            if (command == null) {
                return List.of();
            }
            return command instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                    : List.of(command.toString().split("\\s+"));
        }

        /** The services that run a launcher subcommand, in file order. */
        List<String> newsflowServices() {
            return services().keySet().stream()
                    .filter(name -> !command(name).isEmpty() && ConfigReference.SERVICES.contains(command(name).get(0)))
                    .toList();
        }

        List<String> brokerNames() {
            return services().keySet().stream().filter(name -> image(name).startsWith(KAFKA_IMAGE + ":")
                    && environment(name).getOrDefault("KAFKA_PROCESS_ROLES", "").contains("broker")).toList();
        }

        Map<String, String> environment(String name) {
            Object environment = service(name).get("environment");
            Map<String, String> variables = new LinkedHashMap<>();
            if (environment instanceof Map<?, ?> map) {
                map.forEach((key, value) -> variables.put(key.toString(), value == null ? "" : value.toString()));
            } else if (environment instanceof List<?> list) {
                list.forEach(entry -> {
                    String[] parts = entry.toString().split("=", 2);
                    variables.put(parts[0], parts.length > 1 ? parts[1] : "");
                });
            }
            return variables;
        }

        /** Service name to condition ({@code service_started} for the short form). */
        Map<String, String> dependsOn(String name) {
            Object dependsOn = service(name).get("depends_on");
            Map<String, String> conditions = new LinkedHashMap<>();
            if (dependsOn instanceof Map<?, ?> map) {
                map.forEach((service, value) -> conditions.put(service.toString(), value instanceof Map<?, ?> details
                        ? String.valueOf(details.get("condition")) : "service_started"));
            } else if (dependsOn instanceof List<?> list) {
                list.forEach(service -> conditions.put(service.toString(), "service_started"));
            }
            return conditions;
        }

        /** Container path to host path, for the bind mounts given as relative host paths. */
        Map<String, Path> bindMounts(String name) {
            Map<String, Path> mounts = new LinkedHashMap<>();
            Object volumes = service(name).get("volumes");
            if (volumes instanceof List<?> list) {
                for (Object volume : list) {
                    String[] parts = volume.toString().split(":");
                    if (parts.length >= 2 && parts[0].startsWith(".")) {
                        mounts.put(parts[1], ROOT.resolve(parts[0]).normalize());
                    }
                }
            }
            return mounts;
        }

        @Override
        public String toString() {
            return description;
        }
    }
}
