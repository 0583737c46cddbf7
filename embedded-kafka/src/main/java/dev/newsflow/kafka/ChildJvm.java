package dev.newsflow.kafka;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The command line of a JVM like the current one, with the current class path, running {@link BrokerProcess}. */
final class ChildJvm {

    private ChildJvm() {
    }

    static List<String> command(String heap, Path serverProperties, boolean temporaryDataDirectory) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        // A small heap needs no parallel collector, and by default would start at 1/64 of the machine's memory.
        command.add("-XX:+UseSerialGC");
        command.add("-Xms64m");
        command.add("-Xmx" + heap);
        // C1 only: starts the broker about 0.5 s faster; a development broker never needs C2's peak throughput.
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+ExitOnOutOfMemoryError");
        // A URL rather than a resource name, which logback complains about when it is on the class path twice.
        command.add("-Dlogback.configurationFile=" + BrokerProcess.class.getResource("broker-logback.xml"));
        if (Runtime.version().feature() >= 22) {
            // Kafka's compression libraries load native code, which JDK 22+ warns about unless allowed.
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        if (Runtime.version().feature() >= 23) {
            // Kafka unmaps index files with Unsafe::invokeCleaner, which JDK 24+ warns about unless allowed.
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.add("-cp");
        command.add(classPath());
        command.add(BrokerProcess.class.getName());
        command.add(serverProperties.toString());
        if (temporaryDataDirectory) {
            command.add(BrokerProcess.TEMPORARY);
        }
        return command;
    }

    private static String javaBinary() {
        String executable = File.separatorChar == '\\' ? "java.exe" : "java";
        Path fromJavaHome = Path.of(System.getProperty("java.home"), "bin", executable);
        if (Files.isExecutable(fromJavaHome)) {
            return fromJavaHome.toString();
        }
        return ProcessHandle.current().info().command().orElse(executable);
    }

    /**
     * The class path of the current JVM, preceded by the URLs of any URL class loader that loaded this module, as
     * {@code mvn exec:java} does: there {@code java.class.path} is Maven's own class path.
     */
    static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (ClassLoader loader = BrokerProcess.class.getClassLoader(); loader != null; loader = loader.getParent()) {
            if (loader instanceof URLClassLoader urlLoader) {
                for (URL url : urlLoader.getURLs()) {
                    entries.add(toPath(url));
                }
            }
        }
        entries.add(System.getProperty("java.class.path"));
        entries.remove("");
        return String.join(File.pathSeparator, entries);
    }

    private static String toPath(URL url) {
        try {
            return Path.of(url.toURI()).toString();
        } catch (URISyntaxException | RuntimeException e) {
            return url.getPath();
        }
    }
}
