package dev.newsflow.app;

import dev.newsflow.ingest.opml.FeedListYaml;
import dev.newsflow.ingest.opml.OpmlImport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code newsflow feeds import FILE.opml}: subscriptions from any feed reader, as ingest's feed list. */
final class FeedsCommand {

    private static final long MAX_OPML_BYTES = 50L * 1024 * 1024;

    private FeedsCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() != 2 || !args.get(0).equals("import")) {
            throw new Newsflow.UsageException("usage: newsflow feeds import FILE.opml");
        }
        Path file = Path.of(args.get(1));
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
