package dev.newsflow.ingest.fulltext;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.Node;
import org.jsoup.select.Elements;

/**
 * Extracts the main text of an article page as simple HTML, and its metadata. Pure: HTML and base URL in, value out.
 *
 * <p>The main text is found by scoring, in the manner of Readability: every paragraph-like element scores by its
 * length and commas, its score flows to its parent and (less) to its ancestors; an element's class or id, being an
 * {@code <article>} or {@code [itemprop=articleBody]} raise or lower its score; the final score is discounted by
 * the share of text inside links. The best element wins, joined by siblings that look like they belong to the same
 * story (sites split stories across several containers).
 *
 * <p>Only page furniture is removed (scripts, styles, navigation, header, footer, aside, forms, iframes). Captions,
 * credit lines and lists inside the story stay: enrichment separates captions and boilerplate itself and needs
 * them to attribute photos.
 */
public final class FullTextExtractor {

    private static final String FURNITURE = "script, style, noscript, template, nav, header, footer, aside, form, "
            + "iframe, svg, canvas, button, input, select, textarea, object, embed, dialog, [hidden], "
            + "[aria-hidden=true], [role=navigation], [role=banner], [role=contentinfo], [role=complementary], "
            + "[role=dialog], [role=search]";
    private static final Pattern POSITIVE = Pattern.compile(
            "(?i)article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|paragraph|prose");
    private static final Pattern NEGATIVE = Pattern.compile(
            "(?i)-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|foot|footer|footnote|gdpr|"
                    + "masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|"
                    + "shopping|tags|taboola|tool|widget|cookie|newsletter|subscribe|popup|modal|breadcrumb|menu");
    private static final Pattern COMMAS = Pattern.compile("[,،、，]");
    private static final Set<String> PARAGRAPH_TAGS = Set.of("p", "pre", "td", "blockquote");
    private static final int MIN_PARAGRAPH_CHARS = 25;

    /**
     * @param html    the page
     * @param baseUri the page's URL, to make links in metadata absolute
     */
    public ExtractedPage extract(String html, URI baseUri) {
        return extract(Jsoup.parse(html == null ? "" : html, baseUri == null ? "" : baseUri.toString()));
    }

    /**
     * Extracts from page bytes, decoded with the given charset or, when null, the one the page declares (BOM,
     * {@code <meta charset>}), else UTF-8.
     */
    public ExtractedPage extract(byte[] body, Charset charset, URI baseUri) {
        try {
            return extract(Jsoup.parse(new ByteArrayInputStream(body), charset == null ? null : charset.name(),
                    baseUri == null ? "" : baseUri.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read an in-memory page", e);
        }
    }

    private ExtractedPage extract(Document document) {
        PageMetadata metadata = new PageMetadata(document);
        String title = metadata.title();
        String canonical = metadata.canonicalUrl();
        String byline = metadata.byline();
        String siteName = metadata.siteName();
        Instant published = metadata.published();
        String language = metadata.language();

        removeFurniture(document);
        List<String> blocks = new ArrayList<>();
        mainContent(document).forEach(element -> BlockWriter.write(element, blocks));
        StringBuilder content = new StringBuilder();
        int textLength = 0;
        for (String block : blocks) {
            content.append("<p>").append(Entities.escape(block)).append("</p>\n");
            textLength += block.length();
        }
        return new ExtractedPage(content.toString().strip(), textLength, blocks.size(), title, canonical, byline,
                siteName, published, language);
    }

    private static void removeFurniture(Document document) {
        document.select(FURNITURE).remove();
        List<Node> comments = new ArrayList<>();
        document.traverse((node, depth) -> {
            if (node instanceof Comment) {
                comments.add(node);
            }
        });
        comments.forEach(Node::remove);
    }

    /** The elements holding the story, in document order; empty when the page has no paragraph text. */
    private static List<Element> mainContent(Document document) {
        Map<Element, Double> scores = new IdentityHashMap<>();
        for (Element paragraph : paragraphs(document.body())) {
            String text = paragraph.text();
            if (text.length() < MIN_PARAGRAPH_CHARS) {
                continue;
            }
            double score = 1 + COMMAS.matcher(text).results().count() + Math.min(text.length() / 100.0, 3);
            Element ancestor = paragraph.parent();
            for (int level = 0; ancestor != null && level < 5; level++, ancestor = ancestor.parent()) {
                if (ancestor.tagName().equals("html")) {
                    break;
                }
                double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
                scores.merge(ancestor, initialScore(ancestor) + score / divider,
                        (old, ignored) -> old + score / divider);
            }
        }
        if (scores.isEmpty()) {
            return List.of();
        }
        Map<Element, Double> finalScores = new IdentityHashMap<>();
        scores.forEach((element, score) -> finalScores.put(element, score * (1 - linkDensity(element))));
        List<Element> ranked = new ArrayList<>(finalScores.keySet());
        ranked.sort(Comparator.comparingDouble((Element element) -> finalScores.get(element)).reversed());
        Element top = ranked.get(0);
        top = commonAncestorOfStrongCandidates(top, ranked.subList(0, Math.min(5, ranked.size())), finalScores);
        while (top.parent() != null && !top.parent().tagName().equals("body") && top.parent().children().size() == 1) {
            top = top.parent();
        }
        return withRelatedSiblings(top, finalScores);
    }

    private static Elements paragraphs(Element body) {
        if (body == null) {
            return new Elements();
        }
        Elements paragraphs = new Elements();
        for (Element element : body.getAllElements()) {
            String tag = element.tagName();
            if (PARAGRAPH_TAGS.contains(tag)) {
                paragraphs.add(element);
            } else if ((tag.equals("div") || tag.equals("section") || tag.equals("span"))
                    && element.ownText().length() >= MIN_PARAGRAPH_CHARS) {
                // sites that write paragraphs as text in divs, separated by <br>
                paragraphs.add(element);
            }
        }
        return paragraphs;
    }

    private static double initialScore(Element element) {
        double score = switch (element.tagName()) {
            case "article" -> 10;
            case "div", "main", "section" -> 5;
            case "pre", "td", "blockquote" -> 3;
            case "address", "ol", "ul", "dl", "dd", "dt", "li", "form" -> -3;
            case "h1", "h2", "h3", "h4", "h5", "h6", "th" -> -5;
            default -> 0;
        };
        if (element.attr("itemprop").contains("articleBody")) {
            score += 25;
        }
        return score + classWeight(element);
    }

    private static double classWeight(Element element) {
        double weight = 0;
        for (String value : List.of(element.className(), element.id())) {
            if (value.isEmpty()) {
                continue;
            }
            if (NEGATIVE.matcher(value).find()) {
                weight -= 25;
            }
            if (POSITIVE.matcher(value).find()) {
                weight += 25;
            }
        }
        return weight;
    }

    static double linkDensity(Element element) {
        int length = element.text().length();
        if (length == 0) {
            return 0;
        }
        int linkLength = 0;
        for (Element link : element.select("a")) {
            linkLength += link.text().length();
        }
        return Math.min(1, (double) linkLength / length);
    }

    /**
     * When several of the best candidates sit under one ancestor (a story split into blocks), that ancestor is the
     * story.
     */
    private static Element commonAncestorOfStrongCandidates(Element top, List<Element> best, Map<Element, Double> scores) {
        double threshold = scores.get(top) * 0.75;
        List<Element> strong = best.stream().filter(element -> element != top && scores.get(element) >= threshold)
                .toList();
        if (strong.size() < 2) {
            return top;
        }
        for (Element ancestor = top.parent(); ancestor != null && !ancestor.tagName().equals("body");
             ancestor = ancestor.parent()) {
            Element candidate = ancestor;
            long inside = strong.stream().filter(element -> isDescendant(element, candidate)).count();
            if (inside >= 2) {
                return ancestor;
            }
        }
        return top;
    }

    private static boolean isDescendant(Element element, Element ancestor) {
        for (Element parent = element.parent(); parent != null; parent = parent.parent()) {
            if (parent == ancestor) {
                return true;
            }
        }
        return false;
    }

    /**
     * The top element with the siblings that look like more of the story; then the same one level up, because
     * sites often wrap each part of a split story in its own container.
     */
    private static List<Element> withRelatedSiblings(Element top, Map<Element, Double> scores) {
        double topScore = scores.get(top) == null ? 0 : scores.get(top);
        List<Element> content = related(top, topScore, scores, true);
        Element parent = top.parent();
        if (parent == null || parent.tagName().equals("body") || parent.parent() == null
                || parent.parent().tagName().equals("html")) {
            return content;
        }
        List<Element> widened = new ArrayList<>();
        for (Element uncle : related(parent, topScore, scores, false)) {
            if (uncle == parent) {
                widened.addAll(content);
            } else {
                widened.add(uncle);
            }
        }
        return widened;
    }

    private static List<Element> related(Element top, double topScore, Map<Element, Double> scores,
                                         boolean acceptPlainParagraphs) {
        Element parent = top.parent();
        if (parent == null || parent.tagName().equals("html")) {
            return List.of(top);
        }
        double threshold = Math.max(10, topScore * 0.2);
        String topClass = top.className();
        List<Element> content = new ArrayList<>();
        for (Element sibling : parent.children()) {
            if (sibling == top) {
                content.add(sibling);
                continue;
            }
            double bonus = !topClass.isEmpty() && sibling.className().equals(topClass) ? topScore * 0.2 : 0;
            Double score = scores.get(sibling);
            if (score != null && score + bonus >= threshold) {
                content.add(sibling);
            } else if (acceptPlainParagraphs && sibling.tagName().equals("p")) {
                String text = sibling.text();
                double density = linkDensity(sibling);
                if ((text.length() > 80 && density < 0.25)
                        || (!text.isEmpty() && density == 0 && text.matches("(?s).*[.!?。]\\s*$"))) {
                    content.add(sibling);
                }
            }
        }
        return content;
    }
}
