package dev.newsflow.ingest.feed;

import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndPerson;
import dev.newsflow.contract.ArticleId;
import dev.newsflow.contract.CanonicalUrl;
import dev.newsflow.contract.FullTextStatus;
import dev.newsflow.contract.RawArticle;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a parsed feed into raw articles: ids from the canonical link (else the GUID), plain-text titles, HTML
 * summary and content as published, authors, categories, media, dates as UTC instants, relative links resolved
 * against the feed URL. Pure apart from the injected clock; no I/O.
 */
public final class ArticleNormalizer {

    private static final Logger log = LoggerFactory.getLogger(ArticleNormalizer.class);

    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*");
    /** RSS 2.0 author: {@code email (Name)}; many feeds write {@code Name (email)} instead. */
    private static final Pattern EMAIL_THEN_NAME = Pattern.compile("^\\s*(\\S+@\\S+)\\s*\\((.+)\\)\\s*$");
    private static final Pattern NAME_THEN_EMAIL = Pattern.compile("^\\s*(.+?)\\s*[(<](\\S+@[^)>\\s]+)[)>]\\s*$");

    private final Clock clock;

    public ArticleNormalizer(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param feed       the parsed feed
     * @param definition the feed as the feed list declares it (id, title and language hints)
     * @param feedUri    the URI the feed was fetched from after redirects, for resolving relative links
     */
    public NormalizedFeed normalize(SyndFeed feed, FeedDefinition definition, URI feedUri) {
        Instant fetched = clock.instant();
        String feedTitle = definition.title() != null ? definition.title() : blankToNull(Html.toText(feed.getTitle()));
        String language = definition.language() != null ? definition.language() : language(feed.getLanguage());
        List<RawArticle> articles = new ArrayList<>();
        List<SkippedItem> skipped = new ArrayList<>();
        List<SyndEntry> entries = feed.getEntries();
        List<String> feedAuthors = feedAuthors(feed);
        for (int index = 0; index < entries.size(); index++) {
            SyndEntry entry = entries.get(index);
            String title = title(entry);
            String link = Links.resolve(feedUri, entry.getLink());
            String guid = blankToNull(entry.getUri());
            Optional<String> id = ArticleId.of(link, guid);
            if (id.isEmpty()) {
                SkippedItem item = new SkippedItem(index, title, "item has neither an http(s) link nor a GUID");
                log.debug("Feed {}: skipping item {} '{}': {}", definition.id(), index, title, item.reason());
                skipped.add(item);
                continue;
            }
            String summary = summary(entry);
            String content = content(entry).or(() -> AtomInRss.content(entry)).orElse(summary);
            articles.add(RawArticle.builder()
                    .id(id.get())
                    .feedId(definition.id())
                    .feedTitle(feedTitle)
                    .url(link)
                    .canonicalUrl(CanonicalUrl.of(link).orElse(null))
                    .guid(guid)
                    .title(title)
                    .summary(summary)
                    .content(content)
                    .authors(authors(entry, feedAuthors))
                    .categories(categories(entry))
                    .media(MediaExtractor.media(entry, feedUri))
                    .published(instant(entry.getPublishedDate()).orElseGet(() -> AtomInRss.published(entry)))
                    .updated(instant(entry.getUpdatedDate()).orElseGet(() -> AtomInRss.updated(entry)))
                    .fetched(fetched)
                    .declaredLanguage(language)
                    .fullText(FullTextStatus.FROM_FEED)
                    .build());
        }
        return new NormalizedFeed(articles, skipped);
    }

    private static String title(SyndEntry entry) {
        SyndContent title = entry.getTitleEx();
        if (title == null || title.getValue() == null || title.getValue().isBlank()) {
            return entry.getModule(DCModule.URI) instanceof DCModule dc && dc.getTitle() != null
                    ? Html.toText(dc.getTitle()) : "";
        }
        return isPlainText(title.getType()) ? Html.collapseWhitespace(title.getValue()) : Html.toText(title.getValue());
    }

    /** The richest content the item carries: the first HTML content, else the first non-blank one. */
    private static Optional<String> content(SyndEntry entry) {
        List<SyndContent> contents = entry.getContents().stream()
                .filter(content -> content.getValue() != null && !content.getValue().isBlank()).toList();
        return contents.stream().filter(content -> !isPlainText(content.getType())).findFirst()
                .or(() -> contents.stream().findFirst())
                .map(ArticleNormalizer::asHtml);
    }

    private static String asHtml(SyndContent content) {
        String value = content.getValue() == null ? "" : content.getValue().strip();
        return isPlainText(content.getType()) ? Html.escape(value) : value;
    }

    /**
     * Only Atom's {@code type="text"} means plain text. Rome labels every RSS description {@code text/plain}
     * although RSS descriptions are entity-encoded HTML by convention, so that label is ignored.
     */
    private static boolean isPlainText(String type) {
        return "text".equalsIgnoreCase(type);
    }

    /**
     * The authors of an item, else the feed's: Atom says an entry without authors has the feed's (RFC 4287,
     * 4.2.1), and an RSS channel's {@code dc:creator} is read the same way.
     */
    private static List<String> authors(SyndEntry entry, List<String> feedAuthors) {
        Set<String> authors = new LinkedHashSet<>();
        for (SyndPerson person : entry.getAuthors()) {
            addAuthor(authors, nameOrEmail(person));
        }
        if (entry.getModule(DCModule.URI) instanceof DCModule dc) {
            dc.getCreators().forEach(creator -> addAuthor(authors, creator));
        }
        addAuthor(authors, entry.getAuthor());
        if (authors.isEmpty()) {
            AtomInRss.authors(entry).forEach(author -> addAuthor(authors, author));
        }
        return authors.isEmpty() ? feedAuthors : List.copyOf(authors);
    }

    private static String nameOrEmail(SyndPerson person) {
        return person.getName() != null && !person.getName().isBlank() ? person.getName() : person.getEmail();
    }

    private static List<String> feedAuthors(SyndFeed feed) {
        Set<String> authors = new LinkedHashSet<>();
        for (SyndPerson person : feed.getAuthors()) {
            addAuthor(authors, nameOrEmail(person));
        }
        return List.copyOf(authors);
    }

    private static void addAuthor(Set<String> authors, String raw) {
        String text = Html.toText(raw);
        if (text.isEmpty()) {
            return;
        }
        Matcher emailThenName = EMAIL_THEN_NAME.matcher(text);
        Matcher nameThenEmail = NAME_THEN_EMAIL.matcher(text);
        if (emailThenName.matches()) {
            text = emailThenName.group(2).strip();
        } else if (nameThenEmail.matches()) {
            text = nameThenEmail.group(1).strip();
        }
        authors.add(text);
    }

    private static List<String> categories(SyndEntry entry) {
        Set<String> categories = new LinkedHashSet<>();
        for (SyndCategory category : entry.getCategories()) {
            String name = Html.toText(category.getName());
            if (!name.isEmpty()) {
                categories.add(name);
            }
        }
        // Rome drops an RSS 2.0 item's dc:subject from its categories
        if (entry.getModule(DCModule.URI) instanceof DCModule dc) {
            dc.getSubjects().forEach(subject -> {
                String name = Html.toText(subject.getValue());
                if (!name.isEmpty()) {
                    categories.add(name);
                }
            });
        }
        return List.copyOf(categories);
    }

    private static String language(String declared) {
        if (declared == null || !LANGUAGE.matcher(declared.strip()).matches()) {
            return null;
        }
        return declared.strip().replace('_', '-');
    }

    private static Optional<Instant> instant(Date date) {
        return Optional.ofNullable(date).map(Date::toInstant);
    }

    private static String summary(SyndEntry entry) {
        if (entry.getDescription() != null && entry.getDescription().getValue() != null
                && !entry.getDescription().getValue().isBlank()) {
            return asHtml(entry.getDescription());
        }
        if (entry.getModule(DCModule.URI) instanceof DCModule dc && dc.getDescription() != null) {
            return dc.getDescription().strip();
        }
        return "";
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
