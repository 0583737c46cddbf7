package dev.newsflow.enrich.attribution;

import dev.newsflow.contract.Evidence;
import dev.newsflow.contract.SourceKind;
import dev.newsflow.contract.SourceRole;
import dev.newsflow.enrich.text.CreditLines;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads photo credits in captions: "Dostawca: PAP/EPA.NAME / POOL", "Źródło zdjęć: © PAP | NAME",
 * "Fot. PAP/Leszek Szymański", "Photo: Reuters", "(AP Photo/Evan Vucci)" and captions ending in "EPA/NAME / POOL".
 * Agencies known to the knowledge base are credited with their id; other segments that look like a person's name
 * are credited as photographers.
 */
final class CreditParser {

    /** Separators between credited parties; a dot only where it joins two upper-case words ("EPA.ALEXANDER"). */
    private static final Pattern SEPARATOR = Pattern.compile("\\s*(?:/|\\||;|,|(?<=\\p{Lu})\\.(?=\\p{Lu}))\\s*");
    private static final Pattern PARENTHESISED = Pattern.compile("\\(([^()/]{2,30})(?:/([^()]{2,40}))?\\)");
    private static final Pattern PERSON = Pattern.compile(
            "\\p{Lu}[\\p{L}'.-]+(?:\\s+\\p{Lu}[\\p{L}'.-]*){1,3}");
    private static final List<String> IGNORED = List.of("pool", "handout", "archive", "archiwum", "materiały prasowe",
            "press materials", "getty", "via");
    private static final Pattern PHOTO_WORD = Pattern.compile("(?i)\\s+(?:photo|photos|images?|foto|fot\\.?)$");

    private final Map<String, Attributions.Source> creditNames;

    /** @param creditNames lower-cased names under which agencies appear in credits */
    CreditParser(Map<String, Attributions.Source> creditNames) {
        this.creditNames = creditNames;
    }

    void parse(String captions, Attributions out) {
        int lineStart = 0;
        for (String line : captions.split("\n", -1)) {
            parseLine(line, lineStart, out);
            lineStart += line.length() + 1;
        }
    }

    private void parseLine(String line, int offset, Attributions out) {
        Matcher prefix = CreditLines.PREFIX.matcher(line);
        if (prefix.lookingAt()) {
            parseCredit(line, offset, 0, prefix.end(), line.length(), false, out);
            return;
        }
        Optional<CreditLines.Span> suffix = CreditLines.creditSuffix(line);
        if (suffix.isPresent()) {
            CreditLines.Span span = suffix.get();
            parseCredit(line, offset, span.start(), span.start(), span.end(), true, out);
            return;
        }
        Matcher parenthesised = PARENTHESISED.matcher(line);
        while (parenthesised.find()) {
            Optional<Attributions.Source> agency = resolve(parenthesised.group(1));
            if (agency.isPresent()) {
                out.add(agency.get(), SourceRole.PHOTO, 0.85, evidence(line, offset, parenthesised.start(),
                        parenthesised.end()));
                if (parenthesised.group(2) != null) {
                    photographer(parenthesised.group(2), line, offset, parenthesised.start(2), parenthesised.end(2), out);
                }
            }
        }
    }

    /**
     * Credits agencies and photographers in {@code line[bodyStart, bodyEnd)}. Evidence for an agency runs from
     * {@code evidenceStart} to the last agency of the leading run ("Dostawca: PAP/EPA"), or over the whole credit
     * when it has no label ("EPA/NAME / POOL").
     */
    private void parseCredit(String line, int offset, int evidenceStart, int bodyStart, int bodyEnd,
                             boolean wholeCredit, Attributions out) {
        List<int[]> segments = segments(line, bodyStart, bodyEnd);
        List<Attributions.Source> agencies = new ArrayList<>();
        int agenciesEnd = -1;
        boolean leadingRun = true;
        for (int[] segment : segments) {
            String text = line.substring(segment[0], segment[1]);
            Optional<Attributions.Source> agency = resolve(text);
            if (agency.isPresent()) {
                agencies.add(agency.get());
                if (leadingRun) {
                    agenciesEnd = segment[1];
                }
                continue;
            }
            leadingRun = false;
            if (!isIgnored(text)) {
                photographer(text, line, offset, segment[0], bodyEnd, out);
            }
        }
        for (Attributions.Source agency : agencies) {
            int end = wholeCredit || agenciesEnd < 0 ? bodyEnd : agenciesEnd;
            out.add(agency, SourceRole.PHOTO, 0.95, evidence(line, offset, evidenceStart, end));
        }
    }

    private void photographer(String text, String line, int offset, int start, int evidenceEnd, Attributions out) {
        String name = text.trim();
        if (!PERSON.matcher(name).matches() || name.length() > 60) {
            return;
        }
        out.add(new Attributions.Source(null, titleCase(name), SourceKind.PHOTOGRAPHER), SourceRole.PHOTO, 0.7,
                evidence(line, offset, start, evidenceEnd));
    }

    private static List<int[]> segments(String line, int from, int to) {
        List<int[]> segments = new ArrayList<>();
        Matcher separator = SEPARATOR.matcher(line).region(from, to);
        int start = from;
        while (separator.find()) {
            addSegment(line, start, separator.start(), segments);
            start = separator.end();
        }
        addSegment(line, start, to, segments);
        return segments;
    }

    private static void addSegment(String line, int start, int end, List<int[]> segments) {
        while (start < end && (Character.isWhitespace(line.charAt(start)) || line.charAt(start) == '©')) {
            start++;
        }
        while (end > start && Character.isWhitespace(line.charAt(end - 1))) {
            end--;
        }
        if (end > start) {
            segments.add(new int[] {start, end});
        }
    }

    private Optional<Attributions.Source> resolve(String credit) {
        String key = credit.trim().toLowerCase(Locale.ROOT);
        Attributions.Source source = creditNames.get(key);
        if (source == null) {
            source = creditNames.get(PHOTO_WORD.matcher(key).replaceAll(""));
        }
        return Optional.ofNullable(source);
    }

    private static boolean isIgnored(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return IGNORED.stream().anyMatch(lower::startsWith);
    }

    private static Evidence evidence(String line, int offset, int start, int end) {
        return new Evidence(Evidence.CAPTIONS, line.substring(start, end), offset + start, offset + end);
    }

    private static String titleCase(String name) {
        if (!name.equals(name.toUpperCase(Locale.ROOT))) {
            return name;
        }
        StringBuilder out = new StringBuilder();
        boolean startOfWord = true;
        for (char c : name.toCharArray()) {
            out.append(startOfWord ? c : Character.toLowerCase(c));
            startOfWord = !Character.isLetter(c);
        }
        return out.toString();
    }
}
