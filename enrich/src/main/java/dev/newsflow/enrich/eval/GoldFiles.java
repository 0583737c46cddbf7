package dev.newsflow.enrich.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsflow.contract.RawArticle;
import dev.newsflow.enrich.eval.Gold.GoldSource;
import dev.newsflow.enrich.eval.Gold.GoldTag;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads gold files and the documents they label. Two layouts:
 * <ul>
 *   <li>one JSON object as in {@code seed-gold.json}: {@code document} (relative to the gold file),
 *       {@code sources.required/optional} and {@code tags.required/optional/forbidden};</li>
 *   <li>JSON lines, one object per document: {@code {"file", "language", "required": [{"name", "role"}],
 *       "optional": [...], "tags": {"required": [{"label", "type"}], "optional": [...]}}}, where {@code file} is
 *       relative to the corpus folder given and may end in {@code #ID} to name one row of a TSV file (columns
 *       {@code sent_id ... text}).</li>
 * </ul>
 */
public final class GoldFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path corpus;
    private final Map<Path, Map<String, String>> tsvRows = new ConcurrentHashMap<>();

    /** @param corpus the folder JSON-lines gold files name their documents relative to */
    public GoldFiles(Path corpus) {
        this.corpus = corpus;
    }

    /** Every gold document of the file, in file order. */
    public List<Gold> read(Path goldFile) throws IOException {
        String content = Files.readString(goldFile, StandardCharsets.UTF_8).strip();
        List<Gold> golds = new ArrayList<>();
        if (goldFile.toString().endsWith(".jsonl")) {
            int lineNumber = 0;
            for (String line : content.split("\n")) {
                lineNumber++;
                if (!line.isBlank()) {
                    golds.add(fromLine(parse(line, goldFile + ":" + lineNumber)));
                }
            }
        } else {
            JsonNode root = parse(content, goldFile.toString());
            golds.add(fromSeedLayout(root, goldFile.toAbsolutePath().getParent()));
        }
        return golds;
    }

    /** The labelled document as a raw article, its language declared as a feed would (see {@link LocalArticles}). */
    public RawArticle article(Gold gold) throws IOException {
        return LocalArticles.of(gold.document(), documentText(gold.document()), gold.language());
    }

    private String documentText(String document) throws IOException {
        int hash = document.indexOf('#');
        if (hash < 0) {
            return Files.readString(resolve(document), StandardCharsets.UTF_8);
        }
        Path tsv = resolve(document.substring(0, hash));
        String id = document.substring(hash + 1);
        String row = tsvRows.computeIfAbsent(tsv, GoldFiles::readTsv).get(id);
        if (row == null) {
            throw new IOException("no row " + id + " in " + tsv);
        }
        return row;
    }

    private Path resolve(String document) {
        Path path = Path.of(document);
        return path.isAbsolute() ? path : corpus.resolve(document);
    }

    private static Map<String, String> readTsv(Path tsv) {
        try {
            Map<String, String> rows = new ConcurrentHashMap<>();
            for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
                String[] columns = line.split("\t");
                if (columns.length >= 2) {
                    rows.put(columns[0], columns[columns.length - 1]);
                }
            }
            return rows;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String json, String where) throws IOException {
        try {
            return JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(where + ": not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Gold fromLine(JsonNode line) throws IOException {
        JsonNode tags = line.path("tags");
        return new Gold(required(line, "file"), line.path("language").asText(null),
                sources(line.path("required")), sources(line.path("optional")),
                tags(tags.path("required")), tags(tags.path("optional")), labels(tags.path("forbidden")),
                !tags.isMissingNode());
    }

    private static Gold fromSeedLayout(JsonNode root, Path folder) throws IOException {
        JsonNode sources = root.path("sources");
        JsonNode tags = root.path("tags");
        String document = folder.resolve(required(root, "document")).toString();
        return new Gold(document, root.path("language").asText(null),
                sources(sources.path("required")), sources(sources.path("optional")),
                tags(tags.path("required")), tags(tags.path("optional")), labels(tags.path("forbidden")),
                !tags.isMissingNode());
    }

    private static String required(JsonNode node, String field) throws IOException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IOException("gold entry without \"" + field + "\": " + node);
        }
        return value.asText();
    }

    private static List<GoldSource> sources(JsonNode array) throws IOException {
        List<GoldSource> out = new ArrayList<>();
        for (JsonNode item : array) {
            out.add(new GoldSource(required(item, "name"), required(item, "role"), labels(item.path("aliases"))));
        }
        return out;
    }

    private static List<GoldTag> tags(JsonNode array) throws IOException {
        List<GoldTag> out = new ArrayList<>();
        for (JsonNode item : array) {
            String id = item.hasNonNull("wikidata") ? item.get("wikidata").asText() : item.path("id").asText(null);
            out.add(new GoldTag(required(item, "label"), item.path("type").asText(null), id,
                    labels(item.path("aliases"))));
        }
        return out;
    }

    private static List<String> labels(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : array) {
            if (item.isTextual()) {
                out.add(item.asText());
            } else if (item.has("label")) {
                out.add(item.get("label").asText());
            }
        }
        return out;
    }
}
