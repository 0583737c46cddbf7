package dev.newsflow.ingest.feed;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Declares namespace prefixes a feed uses without declaring them, on its root element. */
final class UnboundPrefixes {

    private static final Map<String, String> KNOWN = Map.of(
            "content", "http://purl.org/rss/1.0/modules/content/",
            "atom", "http://www.w3.org/2005/Atom",
            "dc", "http://purl.org/dc/elements/1.1/",
            "media", "http://search.yahoo.com/mrss/",
            "itunes", "http://www.itunes.com/dtds/podcast-1.0.dtd",
            "slash", "http://purl.org/rss/1.0/modules/slash/",
            "wfw", "http://wellformedweb.org/CommentAPI/",
            "sy", "http://purl.org/rss/1.0/modules/syndication/");
    private static final Pattern USED = Pattern.compile("<\\/?([A-Za-z_][\\w.-]*):[A-Za-z_]|\\s([A-Za-z_][\\w.-]*):[\\w.-]+\\s*=");
    private static final Pattern DECLARED = Pattern.compile("xmlns:([A-Za-z_][\\w.-]*)\\s*=");
    private static final Pattern ROOT = Pattern.compile("<(?![?!])[A-Za-z_][\\w.:-]*");

    private UnboundPrefixes() {
    }

    static String declare(String xml) {
        Set<String> used = new LinkedHashSet<>();
        Matcher usedMatcher = USED.matcher(xml);
        while (usedMatcher.find()) {
            used.add(usedMatcher.group(1) != null ? usedMatcher.group(1) : usedMatcher.group(2));
        }
        Matcher declaredMatcher = DECLARED.matcher(xml);
        while (declaredMatcher.find()) {
            used.remove(declaredMatcher.group(1));
        }
        used.remove("xml");
        used.remove("xmlns");
        Matcher root = ROOT.matcher(xml);
        if (used.isEmpty() || !root.find()) {
            return xml;
        }
        StringBuilder declarations = new StringBuilder();
        for (String prefix : used) {
            declarations.append(" xmlns:").append(prefix).append("=\"")
                    .append(KNOWN.getOrDefault(prefix, "urn:newsflow:undeclared:" + prefix)).append('"');
        }
        return xml.substring(0, root.end()) + declarations + xml.substring(root.end());
    }
}
