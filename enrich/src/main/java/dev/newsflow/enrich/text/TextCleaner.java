package dev.newsflow.enrich.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Turns an article body (HTML, or plain text with newlines) into clean plain text and a list of captions.
 *
 * <p>Rules work on lines: photo credits and captions go to {@code captions}; video teasers, lists of links to other
 * articles, share/cookie/newsletter prompts, sign-offs, the title repeated in the body and lines repeated back to back
 * are dropped. Paragraphs are kept, separated by a blank line. Stateless and thread-safe.
 */
public final class TextCleaner {

    /** Bodies longer than this are cut before parsing: no article is this long, and time must stay bounded. */
    public static final int MAX_INPUT_CHARS = 2_000_000;

    private static final Pattern LOOKS_LIKE_HTML = Pattern.compile("<(?:[a-zA-Z][a-zA-Z0-9]*[\\s/>]|/[a-zA-Z]|!--)");
    private static final Pattern INVISIBLE = Pattern.compile("[\\u200B-\\u200D\\u2060\\uFEFF\\u00AD]");
    private static final Pattern SPACES = Pattern.compile("[\\s\\p{Zs}&&[^\\n]]+");
    private static final Set<String> DROPPED_ELEMENTS = Set.of("script", "style", "noscript", "template", "iframe",
            "svg", "canvas", "form", "button", "input", "select", "textarea", "nav", "aside", "footer", "header",
            "object", "embed", "video", "audio", "head", "title", "meta", "link");
    private static final Set<String> BLOCK_ELEMENTS = Set.of("p", "div", "section", "article", "main", "h1", "h2",
            "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "pre", "table", "tr", "figure", "dl", "dt", "dd",
            "hr", "address", "center", "body");
    private static final Pattern CHROME_CLASS = Pattern.compile(
            "(?i)(?:^|[\\s_-])(?:share|sharing|social|cookie|newsletter|related|recommend|promo|advert|ad|ads|breadcrumbs?"
                    + "|comments?|paywall|subscribe)(?:$|[\\s_-])");
    private static final Pattern CAPTION_CLASS = Pattern.compile("(?i)caption|credit|photo-?source|image-?source");
    /** Common English function words, by length: index n holds the words of n letters. */
    private static final List<List<String>> ENGLISH_MARKERS_BY_LENGTH = byLength(List.of("the", "of", "and", "in",
            "on", "at", "for", "with", "from", "is", "are", "was", "were", "to", "a", "an", "by", "his", "her",
            "their", "will", "be"));
    /** Whether a body is in English is judged on its first this many characters. */
    private static final int ENGLISH_SAMPLE_CHARS = 1_500;

    /** Lines this short with no sentence-final full stop read as headlines. */
    private static final int HEADLINE_MAX_CHARS = 160;
    private static final int CHROME_MAX_CHARS = 200;

    public CleanText clean(String title, String content) {
        if (content == null || content.isBlank()) {
            return CleanText.EMPTY;
        }
        String body = content.length() > MAX_INPUT_CHARS ? content.substring(0, MAX_INPUT_CHARS) : content;
        List<String> captions = new ArrayList<>();
        List<List<String>> paragraphs = LOOKS_LIKE_HTML.matcher(body).find()
                ? paragraphsOfHtml(body, captions)
                : paragraphsOfPlainText(body);
        return new LineRules(normalise(title == null ? "" : title), paragraphs, captions).apply();
    }

    private static List<List<String>> byLength(List<String> words) {
        List<List<String>> byLength = new ArrayList<>();
        for (String word : words) {
            while (byLength.size() <= word.length()) {
                byLength.add(new ArrayList<>());
            }
            byLength.get(word.length()).add(word);
        }
        return byLength.stream().map(List::copyOf).toList();
    }

    /**
     * Paragraphs are separated by a blank line (only ASCII white space, {@code \\s}, between two line breaks), the
     * split {@code "\\n\\s*\\n"} made in one pass over the lines instead of a regular expression over the whole text.
     */
    private static List<List<String>> paragraphsOfPlainText(String body) {
        String text = body.indexOf('\r') < 0 ? body : body.replace("\r\n", "\n").replace('\r', '\n');
        List<List<String>> paragraphs = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        int start = 0;
        int n = text.length();
        while (start <= n) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = n;
            }
            if (isBlank(text, start, end)) {
                if (start > 0 && end < n && !lines.isEmpty()) {
                    paragraphs.add(lines);
                    lines = new ArrayList<>();
                }
            } else {
                String clean = normalise(text.substring(start, end));
                if (!clean.isEmpty()) {
                    lines.add(clean);
                }
            }
            start = end + 1;
        }
        if (!lines.isEmpty()) {
            paragraphs.add(lines);
        }
        return paragraphs;
    }

    /** Whether {@code text[start, end)} holds only the white space of regular expressions' {@code \\s}. */
    private static boolean isBlank(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != 0x0B && c != '\f' && c != '\r' && c != '\n') {
                return false;
            }
        }
        return true;
    }

    private static List<List<String>> paragraphsOfHtml(String html, List<String> captions) {
        String text = SimpleHtml.text(html, captions);
        return paragraphsOfPlainText(text != null ? text : parsedText(html, captions));
    }

    /** The text of the body by jsoup's tree: blocks between blank lines, dropped and caption elements taken out. */
    static String parsedText(String html, List<String> captions) {
        Document document = Jsoup.parse(html);
        for (Element element : document.getAllElements()) {
            if (element.parent() == null) {
                continue;
            }
            String tag = element.normalName();
            if (DROPPED_ELEMENTS.contains(tag) && !tag.equals("head")) {
                element.remove();
            } else if (tag.equals("figcaption") || CAPTION_CLASS.matcher(element.className()).find()) {
                String caption = normalise(element.text());
                if (!caption.isEmpty()) {
                    captions.add(caption);
                }
                element.remove();
            } else if (CHROME_CLASS.matcher(element.className() + " " + element.id()).find()
                    && !tag.equals("body") && !tag.equals("article") && !tag.equals("main")) {
                element.remove();
            }
        }
        StringBuilder text = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode textNode) {
                    text.append(textNode.getWholeText().replace('\n', ' ').replace('\r', ' '));
                } else if (node instanceof Element element) {
                    if (element.normalName().equals("br")) {
                        text.append('\n');
                    } else if (BLOCK_ELEMENTS.contains(element.normalName())) {
                        text.append("\n\n");
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element && BLOCK_ELEMENTS.contains(element.normalName())) {
                    text.append("\n\n");
                }
            }
        }, document.body());
        return text.toString();
    }

    /** Non-breaking and other spaces become plain spaces, runs collapse, invisible characters go. */
    static String normalise(String line) {
        if (isNormal(line)) {
            return line;
        }
        String visible = INVISIBLE.matcher(line).replaceAll("");
        return SPACES.matcher(visible).replaceAll(" ").trim();
    }

    /** Most lines need no change: no invisible characters, no runs or kinds of space other than single blanks. */
    static boolean isNormal(String line) {
        if (line.isEmpty()) {
            return true;
        }
        if (line.charAt(0) == ' ' || line.charAt(line.length() - 1) == ' ') {
            return false;
        }
        char previous = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ' ? previous == ' ' : c < 0x20 || c > 0x7e && (Tokenizer.isSpace(c)
                    || c >= '\u200B' && c <= '\u200D' || c == '\u2060' || c == '\uFEFF' || c == '\u00AD')) {
                return false;
            }
            previous = c;
        }
        return true;
    }

    /** Lower case, with every run of punctuation and white space one blank: lines compared as headlines. */
    private static String comparable(String line) {
        StringBuilder out = new StringBuilder(line.length());
        boolean gap = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (isPunctuationOrSpace(c)) {
                gap = !out.isEmpty();
            } else {
                if (gap) {
                    out.append(' ');
                    gap = false;
                }
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }

    private static boolean isPunctuationOrSpace(char c) {
        if (c < 0x80) {
            return c <= ' ' && (c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r')
                    || c > ' ' && c < 0x7f && !Character.isLetterOrDigit(c);
        }
        return "„”«»…–—".indexOf(c) >= 0;
    }

    private static boolean looksLikeHeadline(String line) {
        return line.length() <= HEADLINE_MAX_CHARS && !line.endsWith(".") && line.split(" ").length <= 25;
    }

    /** The share of words that are common English function words (all of them five letters or fewer). */
    private static double englishShare(String text) {
        int words = 0;
        int english = 0;
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && !Character.isLetter(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < text.length() && Character.isLetter(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                words++;
                if (isEnglishMarker(text, start, i - start)) {
                    english++;
                }
            }
        }
        return words == 0 ? 0 : (double) english / words;
    }

    private static boolean isEnglishMarker(String text, int start, int length) {
        if (length >= ENGLISH_MARKERS_BY_LENGTH.size()) {
            return false;
        }
        List<String> markers = ENGLISH_MARKERS_BY_LENGTH.get(length);
        for (int i = 0; i < markers.size(); i++) {
            if (text.regionMatches(true, start, markers.get(i), 0, length)) {
                return true;
            }
        }
        return false;
    }

    /** Applies the line rules to one article; holds the per-article state, so one instance per call. */
    private static final class LineRules {
        private final String title;
        private final List<List<String>> paragraphs;
        private final List<String> captions;
        /** Whether the body reads as English; judged on first need, which most articles never have. */
        private Boolean englishBody;

        LineRules(String title, List<List<String>> paragraphs, List<String> captions) {
            this.title = comparable(title);
            this.paragraphs = paragraphs;
            this.captions = captions;
        }

        private boolean englishBody() {
            if (englishBody == null) {
                StringBuilder sample = new StringBuilder();
                for (List<String> lines : paragraphs) {
                    for (String line : lines) {
                        if (sample.length() < ENGLISH_SAMPLE_CHARS) {
                            sample.append(line).append(' ');
                        }
                    }
                }
                englishBody = englishShare(sample.toString()) > 0.08;
            }
            return englishBody;
        }

        CleanText apply() {
            List<String> lines = new ArrayList<>();
            List<Integer> paragraphOfLine = new ArrayList<>();
            for (int p = 0; p < paragraphs.size(); p++) {
                for (String line : paragraphs.get(p)) {
                    lines.add(line);
                    paragraphOfLine.add(p);
                }
            }
            List<List<String>> kept = new ArrayList<>();
            int currentParagraph = -1;
            String previousKept = null;
            boolean dropNextHeadline = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (Boilerplate.RELATED_HEADING.matcher(line).matches()) {
                    if (restAreHeadlines(lines, i + 1)) {
                        break;
                    }
                    i = skipHeadlines(lines, i + 1) - 1;
                    continue;
                }
                if (dropNextHeadline) {
                    dropNextHeadline = false;
                    if (looksLikeHeadline(line)) {
                        continue;
                    }
                }
                if (Boilerplate.VIDEO_TEASER.matcher(line).matches()) {
                    dropNextHeadline = true;
                    continue;
                }
                if (Boilerplate.SIGN_OFF.matcher(line).matches()) {
                    continue;
                }
                if (isCaption(line, paragraphs.get(paragraphOfLine.get(i)))) {
                    addCaption(line);
                    continue;
                }
                if (isDropped(line) || line.equals(previousKept)) {
                    continue;
                }
                if (paragraphOfLine.get(i) != currentParagraph || kept.isEmpty()) {
                    kept.add(new ArrayList<>());
                    currentParagraph = paragraphOfLine.get(i);
                }
                kept.get(kept.size() - 1).add(line);
                previousKept = line;
            }
            List<String> text = new ArrayList<>();
            for (List<String> paragraph : kept) {
                text.add(String.join("\n", paragraph));
            }
            return new CleanText(String.join("\n\n", text), String.join("\n", captions));
        }

        private boolean isDropped(String line) {
            if (Boilerplate.RELATED_LINK.matcher(line).matches() && line.length() <= CHROME_MAX_CHARS) {
                return true;
            }
            if (line.length() <= CHROME_MAX_CHARS && Boilerplate.isPageChrome(line)) {
                return true;
            }
            // comparable() only collapses punctuation and spaces: a line shorter than the title cannot repeat it, and
            // one over twice as long would have to be mostly punctuation
            return !title.isEmpty() && line.length() >= title.length() && line.length() <= 2 * title.length() + 10
                    && comparable(line).equals(title);
        }

        /**
         * Credit lines, lines that end in an agency credit or carry an agency photo id, and, next to a credit line,
         * short lines or lines in English inside a non-English article: those are the photo's caption.
         */
        private boolean isCaption(String line, List<String> paragraph) {
            if (CreditLines.hasPrefix(line) || CreditLines.hasPhotoId(line)) {
                return true;
            }
            if (CreditLines.endsWithCredit(line) && !line.endsWith(".")) {
                return true;
            }
            boolean nextToCredit = paragraph.size() > 1
                    && paragraph.stream().anyMatch(other -> other != line && CreditLines.hasPrefix(other));
            if (!nextToCredit) {
                return false;
            }
            return looksLikeHeadline(line) || line.length() > 80 && !englishBody() && englishShare(line) > 0.12;
        }

        private void addCaption(String line) {
            if (CreditLines.hasPrefix(line)) {
                for (String part : CreditLines.splitGlued(line)) {
                    if (!part.isEmpty()) {
                        captions.add(part);
                    }
                }
            } else {
                captions.add(line);
            }
        }

        /** Whether everything from {@code from} on is a list of headlines (short lines), i.e. page furniture. */
        private static boolean restAreHeadlines(List<String> lines, int from) {
            int shortLines = 0;
            int total = 0;
            for (int i = from; i < lines.size(); i++) {
                total++;
                if (lines.get(i).length() <= HEADLINE_MAX_CHARS) {
                    shortLines++;
                }
            }
            return total == 0 || shortLines >= 0.8 * total;
        }

        private static int skipHeadlines(List<String> lines, int from) {
            int i = from;
            while (i < lines.size() && i - from < 10 && looksLikeHeadline(lines.get(i))) {
                i++;
            }
            return i;
        }
    }
}
