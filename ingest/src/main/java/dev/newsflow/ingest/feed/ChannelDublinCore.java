package dev.newsflow.ingest.feed;

import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.feed.synd.SyndPersonImpl;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * The Dublin Core elements of an RSS channel, for the feed fields the channel's own elements left empty: title,
 * language, rights and creators (as the feed's authors, which items without an author fall back to, see
 * {@link ArticleNormalizer}). Rome keeps none of them for RSS 2.0: its converter overwrites language and rights
 * with the channel's missing ones, and keeps a creator only as a string.
 */
final class ChannelDublinCore {

    private static final Namespace DC = Namespace.getNamespace("http://purl.org/dc/elements/1.1/");
    private static final Pattern NAME_THEN_EMAIL = Pattern.compile("^(.+?)\\s*[(<]\\s*(\\S+@[^)>\\s]+)\\s*[)>]$");
    private static final Pattern EMAIL_THEN_NAME = Pattern.compile("^(\\S+@\\S+)\\s*\\((.+)\\)$");
    private static final Pattern EMAIL = Pattern.compile("^\\S+@\\S+\\.\\S+$");

    private ChannelDublinCore() {
    }

    static void fill(Element root, SyndFeed feed) {
        Element channel = channel(root);
        if (channel == null) {
            return;
        }
        if (isBlank(feed.getTitle())) {
            feed.setTitle(text(channel, "title"));
        }
        if (isBlank(feed.getLanguage())) {
            feed.setLanguage(text(channel, "language"));
        }
        if (isBlank(feed.getCopyright())) {
            feed.setCopyright(text(channel, "rights"));
        }
        if (feed.getAuthors().isEmpty()) {
            List<SyndPerson> authors = new ArrayList<>();
            // dc:author is no Dublin Core element, but feeds use it as one
            for (Element creator : channel.getChildren()) {
                if (DC.equals(creator.getNamespace()) && (creator.getName().equals("creator")
                        || creator.getName().equals("author")) && !creator.getTextNormalize().isEmpty()) {
                    authors.add(person(creator.getTextNormalize()));
                }
            }
            if (!authors.isEmpty()) {
                feed.setAuthors(authors);
            }
        }
    }

    /** The channel of RSS 0.9x-2.0 and RSS 1.0 (RDF); null for Atom, whose feed fields Rome maps itself. */
    private static Element channel(Element root) {
        if (!root.getName().equals("rss") && !root.getName().equals("RDF")) {
            return null;
        }
        return root.getChildren().stream().filter(child -> child.getName().equals("channel")).findFirst().orElse(null);
    }

    private static String text(Element channel, String name) {
        Element element = channel.getChild(name, DC);
        return element == null || element.getTextNormalize().isEmpty() ? null : element.getTextNormalize();
    }

    /** {@code Name (email)}, {@code Name <email>}, {@code email (Name)}, a bare email or a bare name. */
    static SyndPerson person(String text) {
        SyndPerson person = new SyndPersonImpl();
        Matcher nameThenEmail = NAME_THEN_EMAIL.matcher(text);
        Matcher emailThenName = EMAIL_THEN_NAME.matcher(text);
        if (emailThenName.matches()) {
            person.setEmail(emailThenName.group(1));
            person.setName(emailThenName.group(2).strip());
        } else if (nameThenEmail.matches()) {
            person.setName(nameThenEmail.group(1));
            person.setEmail(nameThenEmail.group(2));
        } else if (EMAIL.matcher(text).matches()) {
            person.setEmail(text);
        } else {
            person.setName(text);
        }
        return person;
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
