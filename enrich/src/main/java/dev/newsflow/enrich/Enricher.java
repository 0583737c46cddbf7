package dev.newsflow.enrich;

import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.Evidence;
import dev.newsflow.contract.Media;
import dev.newsflow.contract.RawArticle;
import dev.newsflow.contract.SourceAttribution;
import dev.newsflow.contract.Tag;
import dev.newsflow.enrich.attribution.SourceAttributor;
import dev.newsflow.enrich.kb.KnowledgeBase;
import dev.newsflow.enrich.language.DetectedLanguage;
import dev.newsflow.enrich.language.LanguageDetector;
import dev.newsflow.enrich.morph.Morphology;
import dev.newsflow.enrich.tagging.EntityTagger;
import dev.newsflow.enrich.tagging.NameFinder;
import dev.newsflow.enrich.tagging.NameMatch;
import dev.newsflow.enrich.tagging.TopicTagger;
import dev.newsflow.enrich.text.AnalyzedText;
import dev.newsflow.enrich.text.CleanText;
import dev.newsflow.enrich.text.TextCleaner;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enriches raw articles: clean text, language, tags and source attributions. Pure and thread-safe: one instance
 * serves every thread; {@link #enrich(RawArticle)} reads nothing but its argument and the clock.
 *
 * <pre>{@code
 * Enricher enricher = Enricher.builder()
 *         .knowledgeBase(KnowledgeBase.bundled().mergedWith(KnowledgeBase.load(path)))
 *         .languages(Set.of("pl", "en"))
 *         .clock(clock)
 *         .build();
 * EnrichedArticle out = enricher.enrich(raw);
 * }</pre>
 */
public final class Enricher {

    private static final Logger LOG = LoggerFactory.getLogger(Enricher.class);

    private final TextCleaner cleaner = new TextCleaner();
    private final LanguageDetector languageDetector;
    private final NameFinder nameFinder;
    private final EntityTagger entityTagger;
    private final TopicTagger topicTagger;
    private final SourceAttributor attributor;
    private final Clock clock;

    private Enricher(Builder builder) {
        List<String> problems = builder.knowledgeBase.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Knowledge base has problems: " + String.join("; ", problems));
        }
        this.languageDetector = LanguageDetector.of(builder.languages, builder.lowAccuracy, builder.preloadModels);
        this.nameFinder = new NameFinder(builder.knowledgeBase);
        this.entityTagger = new EntityTagger(builder.knowledgeBase);
        this.topicTagger = new TopicTagger(builder.knowledgeBase);
        this.attributor = new SourceAttributor(builder.knowledgeBase);
        this.clock = builder.clock;
        LOG.info("Enricher ready: {} entities, {} topics, languages {}", builder.knowledgeBase.entities().size(),
                builder.knowledgeBase.topics().size(), languageDetector.languages());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Enriches one article. Odd input (empty, huge, not HTML, not language) gives "und" and no tags, not errors. */
    public EnrichedArticle enrich(RawArticle article) {
        String title = article.title();
        String body = article.content().isBlank() ? article.summary() : article.content();
        CleanText clean = cleaner.clean(title, body);
        String captions = withMediaCredits(clean.captions(), article.media());

        DetectedLanguage language = languageDetector.detect(LanguageDetector.articleSample(title, clean.text()),
                article.declaredLanguage());
        Morphology morphology = Morphology.forLanguage(language.code());
        AnalyzedText titleText = AnalyzedText.of(Evidence.TITLE, title, morphology);
        AnalyzedText bodyText = AnalyzedText.of(Evidence.TEXT, clean.text(), morphology);

        NameFinder.Found inTitle = nameFinder.find(titleText);
        NameFinder.Found inText = nameFinder.find(bodyText);
        List<NameMatch> titleNames = inTitle.entityNames();
        List<NameMatch> textNames = inText.entityNames();
        List<NameMatch> allNames = new ArrayList<>(titleNames);
        allNames.addAll(textNames);
        List<NameMatch> keywords = new ArrayList<>(inTitle.topicKeywords());
        keywords.addAll(inText.topicKeywords());

        List<Tag> tags = new ArrayList<>(entityTagger.tag(allNames));
        tags.addAll(topicTagger.tag(keywords));
        tags.sort(Comparator.comparingDouble(Tag::confidence).reversed().thenComparing(Tag::mentions,
                Comparator.reverseOrder()));
        List<SourceAttribution> sources = attributor.attribute(
                new SourceAttributor.Input(titleText, titleNames, bodyText, textNames, captions));

        LOG.debug("Enriched article {}: language {} ({}), {} tags, {} sources", article.id(), language.code(),
                language.basis(), tags.size(), sources.size());
        return EnrichedArticle.of(article, language.code(), clean.text(), captions, tags, sources, clock.instant());
    }

    /** Credits from the feed's media ({@code media:credit}) join the captions, so they are attributed the same way. */
    private static String withMediaCredits(String captions, List<Media> media) {
        StringBuilder out = new StringBuilder(captions);
        for (Media item : media) {
            String credit = item.credit();
            if (credit != null && !credit.isBlank() && !captions.contains(credit.trim())) {
                if (!out.isEmpty()) {
                    out.append('\n');
                }
                out.append("Photo: ").append(credit.trim().replace('\n', ' '));
            }
        }
        return out.toString();
    }

    /** Options of an {@link Enricher}; every one has a default. */
    public static final class Builder {
        private KnowledgeBase knowledgeBase;
        private Collection<String> languages = LanguageDetector.DEFAULT_LANGUAGES;
        private boolean lowAccuracy = true;
        private boolean preloadModels;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Entities and topics to tag with; default {@link KnowledgeBase#bundled()}. */
        public Builder knowledgeBase(KnowledgeBase knowledgeBase) {
            this.knowledgeBase = Objects.requireNonNull(knowledgeBase, "knowledgeBase");
            return this;
        }

        /** ISO 639-1 codes language detection chooses from; default {@link LanguageDetector#DEFAULT_LANGUAGES}. */
        public Builder languages(Collection<String> languages) {
            this.languages = Set.copyOf(Objects.requireNonNull(languages, "languages"));
            return this;
        }

        /**
         * Lingua's low-accuracy mode (trigram models only). Default on: with the nine default languages the models
         * take about 19 MB instead of about 270 MB, and detection runs on title plus body, long enough for it; only
         * title-only articles lose accuracy, and there the declared language is the fallback.
         */
        public Builder lowAccuracyLanguageDetection(boolean lowAccuracy) {
            this.lowAccuracy = lowAccuracy;
            return this;
        }

        /** Load all language models at build time instead of on first use. Default off. */
        public Builder preloadLanguageModels(boolean preload) {
            this.preloadModels = preload;
            return this;
        }

        /** The clock for {@code enrichedAt}; default UTC system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Builds the enricher; fails on unknown language codes, and with every problem of the knowledge base. */
        public Enricher build() {
            if (knowledgeBase == null) {
                knowledgeBase = KnowledgeBase.bundled();
            }
            return new Enricher(this);
        }
    }
}
