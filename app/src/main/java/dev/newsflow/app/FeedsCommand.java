package dev.newsflow.app;

import dev.newsflow.ingest.IngestService;
import dev.newsflow.ingest.admin.FeedsAdmin;
import dev.newsflow.ingest.opml.FeedListYaml;
import dev.newsflow.ingest.opml.OpmlImport;
import dev.newsflow.support.config.Config;
import dev.newsflow.support.kafka.KafkaSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code newsflow feeds add|list|disable|enable|import [--config FILE]}: manages the feeds in Kafka (see
 * {@link FeedsAdmin}). {@code feeds import FILE.opml --yaml} needs no Kafka: it prints the feeds as a feed list for
 * {@code ingest.feeds-file}.
 */
final class FeedsCommand {

    private static final long MAX_OPML_BYTES = 50L * 1024 * 1024;

    private FeedsCommand() {
    }

    static int run(List<String> args, Optional<Path> configFile, PrintStream out, PrintStream err) {
        List<String> arguments = new ArrayList<>(args);
        if (arguments.size() == 3 && arguments.get(0).equals("import") && arguments.remove("--yaml")) {
            return printYaml(Path.of(arguments.get(1)), out, err);
        }
        Config config = Config.load(IngestService.settings(), List.of(KafkaSettings.PASS_THROUGH_PREFIX), configFile,
                System.getenv());
        return FeedsAdmin.run(arguments, config, out, err);
    }

    private static int printYaml(Path file, PrintStream out, PrintStream err) {
        byte[] document;
        try {
            if (Files.size(file) > MAX_OPML_BYTES) {
                err.println("newsflow: " + file + " is larger than " + MAX_OPML_BYTES / 1024 / 1024 + " MB");
                return Newsflow.FAILED;
            }
            document = Files.readAllBytes(file);
        } catch (IOException e) {
            err.println("newsflow: cannot read " + file + ": " + e.getMessage());
            return Newsflow.FAILED;
        }
        OpmlImport.Result result;
        try {
            result = OpmlImport.parse(document);
        } catch (IllegalArgumentException e) {
            err.println("newsflow: " + file + ": " + e.getMessage());
            return Newsflow.FAILED;
        }
        result.problems().forEach(problem -> err.println("newsflow: skipped " + problem));
        out.print(FeedListYaml.write(result.feeds()));
        err.println("newsflow: " + result.feeds().size() + " feeds imported, " + result.problems().size() + " skipped");
        return Newsflow.OK;
    }
}
