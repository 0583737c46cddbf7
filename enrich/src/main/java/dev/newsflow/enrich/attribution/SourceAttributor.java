package dev.newsflow.enrich.attribution;

import dev.newsflow.contract.Evidence;
import dev.newsflow.contract.SourceAttribution;
import dev.newsflow.contract.SourceKind;
import dev.newsflow.contract.SourceRole;
import dev.newsflow.contract.TagType;
import dev.newsflow.enrich.kb.Entity;
import dev.newsflow.enrich.kb.KnowledgeBase;
import dev.newsflow.enrich.morph.WordForms;
import dev.newsflow.enrich.tagging.NameMatch;
import dev.newsflow.enrich.text.AnalyzedText;
import dev.newsflow.enrich.text.Token;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the sources an article cites, credits for photos or names as affiliations, by general rules:
 * <ol>
 *   <li>a reporting verb with the source after it ("- ocenia Bloomberg", "informuje we wtorek agencja Bloomberga",
 *       "Jak zaznacza Bloomberg") or right before it ("Bloomberg informuje", "Reuters reported");</li>
 *   <li>a leading phrase ("według", "cytowany przez", "according to", "citing", "told"), and "za" for known
 *       sources;</li>
 *   <li>a source heading a title: "Wywiad USA: ...";</li>
 *   <li>wire datelines and bylines in parentheses, "WASHINGTON (AP) —", "... (PAP)": the agency wrote the
 *       story, so it is reported as the publisher;</li>
 *   <li>photo credits in captions, see {@link CreditParser};</li>
 *   <li>affiliations after a cited source: "38 North, działająca w ramach ... Stimson Center", "part of".</li>
 * </ol>
 * Sources in the knowledge base carry their id and kind. Capitalised names the knowledge base does not know count
 * only with an organisation word ("Bureau", "Towarzystwo"), a descriptor ("agencja", "the newspaper") or as an
 * acronym, get no id and a lower confidence. A verb followed by a descriptor and no name ("- ocenia agencja.")
 * refers back to the last cited source of that kind. People are not reported. Thread-safe.
 */
public final class SourceAttributor {

    /** How far after a Polish reporting verb the source may stand: "podała [participle phrase] strona 38 North". */
    private static final int POLISH_WINDOW = 16;
    private static final int ENGLISH_WINDOW = 4;
    /** After "według", "according to": room for "the state-run" before the name. */
    private static final int PHRASE_WINDOW = 6;
    private static final double KNOWN = 0.9;
    private static final double KNOWN_WEAK = 0.75;
    private static final double UNKNOWN = 0.5;
    private static final Pattern DATELINE = Pattern.compile(
            "(?m)^[\\p{Lu}][\\p{Lu}\\p{L} .,'’-]{0,60}?\\(([\\p{L} .-]{2,30})\\)\\s*[—–-]");
    private static final Pattern TRAILING_BYLINE = Pattern.compile("\\(([\\p{Lu}][\\p{L} .-]{1,30})\\)\\s*$",
            Pattern.MULTILINE);

    private final KnowledgeBase knowledgeBase;
    private final CreditParser credits;
    private final Map<String, Attributions.Source> byName;

    public SourceAttributor(KnowledgeBase knowledgeBase) {
        this.knowledgeBase = knowledgeBase;
        Map<String, Attributions.Source> names = new HashMap<>();
        for (Entity entity : knowledgeBase.entities()) {
            if (entity.type() != TagType.ORGANIZATION) {
                continue;
            }
            Attributions.Source source = sourceOf(entity);
            entity.creditNames().forEach(name -> names.putIfAbsent(name.toLowerCase(Locale.ROOT), source));
            entity.names().values().forEach(list -> list.forEach(name ->
                    names.putIfAbsent(name.toLowerCase(Locale.ROOT), source)));
        }
        this.byName = Map.copyOf(names);
        this.credits = new CreditParser(byName);
    }

    /**
     * The fields of one article with the knowledge-base names found in them; captions as written, since credits are
     * parsed from their text.
     */
    public record Input(AnalyzedText title, List<NameMatch> titleMatches, AnalyzedText text,
                        List<NameMatch> textMatches, String captions) {
    }

    public List<SourceAttribution> attribute(Input input) {
        Attributions out = new Attributions();
        new FieldRules(input.title(), input.titleMatches(), out).apply(true);
        new FieldRules(input.text(), input.textMatches(), out).apply(false);
        datelines(input.text(), out);
        credits.parse(input.captions(), out);
        return out.build(this::parentOf);
    }

    private Optional<Attributions.Source> parentOf(String id) {
        return knowledgeBase.entity(id)
                .map(Entity::source)
                .map(Entity.Source::parent)
                .flatMap(knowledgeBase::entity)
                .map(SourceAttributor::sourceOf);
    }

    private static Attributions.Source sourceOf(Entity entity) {
        return new Attributions.Source(entity.id(), entity.sourceName(), entity.sourceKind());
    }

    private void datelines(AnalyzedText text, Attributions out) {
        if (text.text().indexOf('(') < 0) {
            // both patterns need a parenthesis: most texts are passed over without a search at every character
            return;
        }
        for (Pattern pattern : List.of(DATELINE, TRAILING_BYLINE)) {
            Matcher matcher = pattern.matcher(text.text());
            while (matcher.find()) {
                Attributions.Source source = byName.get(matcher.group(1).trim().toLowerCase(Locale.ROOT));
                if (source != null && isMedia(source.kind())) {
                    int start = matcher.start(1) - 1;
                    int end = pattern == DATELINE ? matcher.end() : matcher.end(1) + 1;
                    out.add(source, SourceRole.PUBLISHER, KNOWN, new Evidence(text.field(),
                            text.text().substring(start, end), start, end));
                }
            }
        }
    }

    private static boolean isMedia(SourceKind kind) {
        return kind == SourceKind.NEWS_AGENCY || kind == SourceKind.NEWSPAPER || kind == SourceKind.BROADCASTER
                || kind == SourceKind.NEWS_WEBSITE || kind == SourceKind.PHOTO_AGENCY;
    }

    /** {@link #cuesOf} bit, beside those of {@link ReportingCues#WORD_CUES}: a form of a Polish reporting verb. */
    private static final int POLISH_VERB = 1 << 30;
    /** Whose value {@link #cuesOf} keeps with word forms: the cues are the same for every attributor. */
    private static final Object CUES = new Object();

    /**
     * The word's {@link ReportingCues#WORD_CUES} and whether it is a form of a Polish reporting verb, kept with its
     * forms: the rules ask this of every word, and words repeat.
     */
    private static int cuesOf(WordForms forms) {
        Integer cues = forms.derived(CUES, SourceAttributor::computeCues);
        return cues;
    }

    private static Integer computeCues(WordForms forms) {
        int cues = ReportingCues.WORD_CUES.getOrDefault(forms.lower(), 0);
        for (String lemma : forms.verbLemmas()) {
            if (ReportingCues.POLISH_VERBS.contains(lemma)) {
                cues |= POLISH_VERB;
                break;
            }
        }
        return cues;
    }

    /** A source found at some tokens of a field. */
    private record Candidate(Attributions.Source source, int first, int end, boolean known) {
    }

    /** The rules applied to one field; one instance per field and call. */
    private final class FieldRules {
        private final AnalyzedText text;
        private final NameMatch[] matchAt;
        private final Attributions out;

        FieldRules(AnalyzedText text, List<NameMatch> matches, Attributions out) {
            this.text = text;
            this.out = out;
            this.matchAt = new NameMatch[text.size()];
            for (NameMatch match : matches) {
                for (int i = match.firstToken(); i < match.endToken() && i < matchAt.length; i++) {
                    matchAt[i] = match;
                }
            }
        }

        void apply(boolean isTitle) {
            for (int index = 0; index < text.size(); index++) {
                int i = index;
                if (isTitle) {
                    headingSource(i);
                }
                int cues = text.token(i).isWord() ? cuesOf(text.forms(i)) : 0;
                int phrase = (cues & ReportingCues.STARTS_LEADING_PHRASE) == 0 ? 0
                        : leadingPhrase(i, ReportingCues.LEADING_PHRASES);
                if (phrase > 0) {
                    candidateAfter(i + phrase, PHRASE_WINDOW, false)
                            .ifPresent(c -> cite(c, i, c.end, c.known ? KNOWN : UNKNOWN));
                    continue;
                }
                int knownOnly = (cues & ReportingCues.STARTS_KNOWN_ONLY_PHRASE) == 0 ? 0
                        : leadingPhrase(i, ReportingCues.LEADING_PHRASES_KNOWN_ONLY);
                if (knownOnly > 0) {
                    candidateAfter(i + knownOnly, 3, true).ifPresent(c -> cite(c, i, c.end, KNOWN_WEAK));
                    continue;
                }
                if (isReportingVerb(i, cues)) {
                    reportingVerb(i);
                }
            }
        }

        /** "Wywiad USA: Putin kupuje broń": a known source opening a title and followed by a colon. */
        private void headingSource(int i) {
            NameMatch match = matchAt[i];
            if (match == null || match.firstToken() != i || match.endToken() >= text.size()
                    || !text.token(match.endToken()).is(":") || !text.startsSentence(i)) {
                return;
            }
            known(match).ifPresent(source -> out.add(source, SourceRole.CITED, KNOWN_WEAK, match.evidence()));
        }

        private void reportingVerb(int verb) {
            boolean polish = !text.forms(verb).verbLemmas().isEmpty();
            int window = polish ? POLISH_WINDOW : ENGLISH_WINDOW;
            int evidenceStart = verb > 0 && isAs(verb - 1) ? verb - 1 : verb;
            boolean after = polish || ReportingCues.ENGLISH_VERBS_BEFORE_SOURCE.contains(text.forms(verb).lower());
            if (after) {
                Optional<Candidate> candidate = candidateAfter(verb + 1, window, false);
                if (candidate.isPresent()) {
                    Candidate c = candidate.get();
                    boolean framed = evidenceStart < verb || verb > 0 && isDash(verb - 1);
                    cite(c, evidenceStart, c.end, c.known ? (framed ? KNOWN : KNOWN_WEAK) : UNKNOWN);
                    return;
                }
                if (polish && anaphora(verb)) {
                    return;
                }
            }
            candidateBefore(verb).ifPresent(c -> {
                cite(c, c.first, verb + 1, c.known ? KNOWN : UNKNOWN);
                coordinated(c).ifPresent(other -> cite(other, other.first, verb + 1, KNOWN));
            });
        }

        /** "The United Nations and European Union stressed": the known source joined by "and" speaks too. */
        private Optional<Candidate> coordinated(Candidate second) {
            int conjunction = second.first - 1;
            if (conjunction < 1 || !ReportingCues.CONJUNCTIONS.contains(text.forms(conjunction).lower())) {
                return Optional.empty();
            }
            NameMatch match = matchAt[conjunction - 1];
            if (match == null) {
                return Optional.empty();
            }
            return known(match).map(source -> new Candidate(source, match.firstToken(), match.endToken(), true));
        }

        /** "- ocenia agencja." refers back to the last cited agency. */
        private boolean anaphora(int verb) {
            int descriptor = verb + 1;
            if (descriptor >= text.size() || text.token(descriptor).sentence() != text.token(verb).sentence()) {
                return false;
            }
            SourceKind kind = descriptorKind(descriptor);
            if (kind == null) {
                return false;
            }
            int next = descriptor + 1;
            boolean ends = next >= text.size() || !text.token(next).isWord()
                    || text.token(next).sentence() != text.token(verb).sentence();
            if (!ends) {
                return false;
            }
            Token first = text.token(verb);
            Token last = text.token(descriptor);
            Optional<Attributions.Source> antecedent = out.lastCited(text.field(), first.start(), kind);
            antecedent.ifPresent(source -> out.add(source, SourceRole.CITED, KNOWN_WEAK, new Evidence(text.field(),
                    text.text().substring(first.start(), last.end()), first.start(), last.end())));
            return antecedent.isPresent();
        }

        private void cite(Candidate candidate, int fromToken, int endToken, double confidence) {
            Token first = text.token(fromToken);
            Token last = text.token(endToken - 1);
            out.add(candidate.source, SourceRole.CITED, confidence, new Evidence(text.field(),
                    text.text().substring(first.start(), last.end()), first.start(), last.end()));
            affiliation(candidate);
        }

        /** "38 North, działająca w ramach amerykańskiego ośrodka analitycznego Stimson Center". */
        private void affiliation(Candidate child) {
            int i = child.end;
            if (i < text.size() && text.token(i).is(",")) {
                i++;
            }
            int phrase = leadingPhrase(i, ReportingCues.AFFILIATION_PHRASES);
            if (phrase == 0 || text.token(i).sentence() != text.token(child.end - 1).sentence()) {
                return;
            }
            int cueStart = i;
            candidateAfter(i + phrase, 6, false).ifPresent(parent -> {
                Token first = text.token(cueStart);
                Token last = text.token(parent.end - 1);
                out.add(parent.source, SourceRole.AFFILIATION, parent.known ? KNOWN : UNKNOWN, new Evidence(
                        text.field(), text.text().substring(first.start(), last.end()), first.start(), last.end()));
                out.affiliate(child.source, parent.source);
            });
        }

        /**
         * The first source within {@code window} tokens from {@code from}, in the same sentence and clause. Places,
         * people and descriptors in between are passed over; a name right after a preposition is an object.
         */
        private Optional<Candidate> candidateAfter(int from, int window, boolean knownOnly) {
            if (from >= text.size()) {
                return Optional.empty();
            }
            int sentence = text.token(Math.max(0, from - 1)).sentence();
            for (int j = from; j < text.size() && j < from + window; j++) {
                Token token = text.token(j);
                if (!knownOnly && j == from && isOpeningQuote(token)) {
                    Optional<Candidate> quoted = quotedTitleAt(j);
                    if (quoted.isPresent()) {
                        return quoted;
                    }
                }
                if (token.sentence() != sentence || isClauseBreak(token) || isComplementiser(j)) {
                    return Optional.empty();
                }
                if (isPersonRole(j)) {
                    // "powiedział dyrektor Programu ONZ Erik Solheim": a person speaks, the body is their employer
                    return Optional.empty();
                }
                NameMatch match = matchAt[j];
                if (match != null) {
                    Optional<Attributions.Source> source = known(match);
                    if (source.isPresent() && !afterPreposition(j, from)) {
                        return Optional.of(new Candidate(source.get(), match.firstToken(), match.endToken(), true));
                    }
                    j = match.endToken() - 1;
                    continue;
                }
                if (!knownOnly && token.isWord() && Character.isUpperCase(token.text().codePointAt(0))
                        || token.kind() == Token.Kind.NUMBER) {
                    Optional<Candidate> unknown = unknownAt(j);
                    if (unknown.isPresent() && !afterPreposition(j, from)) {
                        return unknown;
                    }
                    if (token.isWord() && !afterPreposition(j, from) && !ReportingCues.CALENDAR_WORDS.contains(
                            text.forms(j).lower())) {
                        // The first name after the cue is the speaker: a person ("Według Parkera ... rosyjskiej
                        // Służby"), unless one of an outlet or body ("according to Sui-Lee Wee of the New York Times")
                        return employerAfterPerson(j);
                    }
                }
            }
            return Optional.empty();
        }

        /** After a person's name, "of the New York Times", "z Reutersa": the known outlet or body they speak for. */
        private Optional<Candidate> employerAfterPerson(int name) {
            int j = name;
            while (j < text.size() && (matchAt[j] == null || known(matchAt[j]).isEmpty())
                    && text.token(j).sentence() == text.token(name).sentence()
                    && (text.token(j).isCapitalised() || text.token(j).is("-") && j + 1 < text.size()
                    && text.token(j + 1).isCapitalised())) {
                j++;
            }
            if (j >= text.size() || !ReportingCues.EMPLOYER_LINKS.contains(text.forms(j).lower())) {
                return Optional.empty();
            }
            j++;
            if (j < text.size() && matchAt[j] == null && text.forms(j).lower().equals("the")) {
                j++;
            }
            if (j >= text.size() || matchAt[j] == null) {
                return Optional.empty();
            }
            NameMatch match = matchAt[j];
            return known(match).map(source -> new Candidate(source, match.firstToken(), match.endToken(), true));
        }

        /** „Le Figaro”, "The Lancet": a quoted capitalised title right after the cue names a publication. */
        private Optional<Candidate> quotedTitleAt(int open) {
            int first = open + 1;
            int end = first;
            while (end < text.size() && end - first <= 6 && !isClosingQuote(text.token(end))
                    && text.token(end).sentence() == text.token(open).sentence()) {
                end++;
            }
            if (end >= text.size() || end == first || !isClosingQuote(text.token(end))
                    || !text.token(first).isCapitalised()) {
                return Optional.empty();
            }
            for (int k = first; k < end; k++) {
                if (matchAt[k] != null) {
                    NameMatch match = matchAt[k];
                    int close = end;
                    if (match.firstToken() == first && match.endToken() == close) {
                        return known(match).map(source -> new Candidate(source, open, close + 1, true));
                    }
                    return Optional.empty();
                }
            }
            String name = text.span(first, end - 1);
            return Optional.of(new Candidate(new Attributions.Source(null, name, SourceKind.UNKNOWN), open, end + 1,
                    false));
        }

        private boolean isOpeningQuote(Token token) {
            return token.is("„") || token.is("“") || token.is("\"") || token.is("«");
        }

        private boolean isClosingQuote(Token token) {
            return token.is("”") || token.is("\"") || token.is("»") || token.is("“");
        }

        /** "VW says that ...", "podał, że ...": what follows is what was said, not who said it. */
        private boolean isComplementiser(int j) {
            String word = text.forms(j).lower();
            return word.equals("that") || word.equals("że") || word.equals("iż");
        }

        private boolean isPersonRole(int j) {
            WordForms forms = text.forms(j);
            if (ReportingCues.PERSON_ROLES.contains(forms.lower())) {
                return true;
            }
            for (String lemma : forms.commonLemmas()) {
                if (ReportingCues.PERSON_ROLES.contains(lemma)) {
                    return true;
                }
            }
            return false;
        }

        /** A source ending at most two words before the verb: "Bloomberg informuje", "Reuters has reported". */
        private Optional<Candidate> candidateBefore(int verb) {
            for (int j = verb - 1; j >= 0 && j >= verb - 3; j--) {
                Token token = text.token(j);
                if (!token.isWord() || token.sentence() != text.token(verb).sentence()) {
                    return Optional.empty();
                }
                NameMatch match = matchAt[j];
                if (match != null) {
                    int first = match.firstToken();
                    if (first > 0 && isPreposition(first - 1)) {
                        return Optional.empty();
                    }
                    return known(match).map(source -> new Candidate(source, first, match.endToken(), true));
                }
                if (Character.isUpperCase(token.text().codePointAt(0))) {
                    int first = j;
                    while (first > 0 && text.token(first - 1).sentence() == token.sentence()
                            && matchAt[first - 1] == null
                            && (text.token(first - 1).isCapitalised() || first > 1
                            && ReportingCues.NAME_CONNECTORS.contains(text.token(first - 1).text())
                            && text.token(first - 2).isCapitalised())) {
                        first--;
                    }
                    if (first > 0 && text.token(first - 1).is("the")) {
                        first--;
                    }
                    int last = j;
                    return unknownAt(first).filter(c -> c.end == last + 1);
                }
            }
            return Optional.empty();
        }

        /**
         * A capitalised name the knowledge base does not know, starting at {@code j}: accepted with an
         * organisation word, after a descriptor, or as an acronym; never a place or a person of the knowledge base.
         */
        private Optional<Candidate> unknownAt(int j) {
            int start = j;
            if (text.token(j).is("the") || text.token(j).is("The")) {
                start++;
            }
            int end = start;
            boolean organisationWord = false;
            while (end < text.size() && matchAt[end] == null) {
                Token token = text.token(end);
                if (token.sentence() != text.token(start).sentence()) {
                    break;
                }
                boolean nameWord = token.isCapitalised() || end == start && token.kind() == Token.Kind.NUMBER;
                boolean connector = end > start && (ReportingCues.NAME_CONNECTORS.contains(token.text())
                        || token.is("-")) && end + 1 < text.size() && text.token(end + 1).isCapitalised();
                if (!nameWord && !connector) {
                    break;
                }
                organisationWord |= isOrganisationWord(end);
                end++;
            }
            if (end == start || end - start > 8 || text.token(end - 1).kind() != Token.Kind.WORD) {
                return Optional.empty();
            }
            if (end - start == 1 && isOrganisationWord(start)) {
                // "News" alone is no name ("CBC News" whose "CBC" the knowledge base read otherwise)
                return Optional.empty();
            }
            if (start > 0 && matchAt[start - 1] != null && matchAt[start - 1].strength() == NameMatch.Strength.FORM
                    && text.token(start - 1).isCapitalised()
                    && text.token(start).start() - text.token(start - 1).end() <= 1) {
                // "American Farm Bureau Federation", "Chinese Center for Disease Control": the adjective is part of
                // the name
                start = matchAt[start - 1].firstToken();
            }
            boolean described = start > 0 && descriptorKind(start - 1) != null;
            boolean acronym = end - start == 1 && text.token(start).isAcronym();
            boolean sentenceStart = text.startsSentence(start);
            if (!organisationWord && !described && !(acronym && !sentenceStart)) {
                return Optional.empty();
            }
            if (sentenceStart && end - start == 1 && !described) {
                return Optional.empty();
            }
            SourceKind kind = described ? descriptorKind(start - 1) : SourceKind.UNKNOWN;
            String name = text.span(start, end - 1);
            return Optional.of(new Candidate(new Attributions.Source(null, name, kind), start, end, false));
        }

        private Optional<Attributions.Source> known(NameMatch match) {
            return knowledgeBase.entity(match.ownerId())
                    .filter(entity -> entity.type() == TagType.ORGANIZATION)
                    .map(SourceAttributor::sourceOf);
        }

        private boolean afterPreposition(int j, int from) {
            int before = j - 1;
            while (before >= from && descriptorKind(before) != null) {
                before--;
            }
            return before >= from && isPreposition(before);
        }

        private int leadingPhrase(int i, Phrases phrases) {
            return phrases.matchAt(text, i);
        }

        /** @param cues the word's {@link #cuesOf cues} */
        private boolean isReportingVerb(int i, int cues) {
            return text.token(i).isWord() && (cues & (POLISH_VERB | ReportingCues.ENGLISH_VERB)) != 0;
        }

        private SourceKind descriptorKind(int i) {
            WordForms forms = text.forms(i);
            if (ReportingCues.DESCRIPTORS.containsKey(forms.lower())) {
                return ReportingCues.DESCRIPTORS.get(forms.lower());
            }
            for (String lemma : forms.commonLemmas()) {
                SourceKind kind = ReportingCues.DESCRIPTORS.get(lemma);
                if (kind != null && !text.token(i).isCapitalised()) {
                    return kind;
                }
            }
            return null;
        }

        private boolean isOrganisationWord(int i) {
            WordForms forms = text.forms(i);
            if (ReportingCues.ORGANISATION_WORDS.contains(forms.lower())) {
                return true;
            }
            for (String lemma : forms.commonLemmas()) {
                if (ReportingCues.ORGANISATION_WORDS.contains(lemma)) {
                    return true;
                }
            }
            return false;
        }

        private boolean isPreposition(int i) {
            return ReportingCues.PREPOSITIONS.contains(text.forms(i).lower());
        }

        private boolean isAs(int i) {
            String lower = text.forms(i).lower();
            return lower.equals("jak") || lower.equals("as");
        }

        private boolean isDash(int i) {
            String t = text.token(i).text();
            return t.equals("-") || t.equals("–") || t.equals("—") || t.equals(",") || t.equals("\"") || t.equals("”");
        }

        private boolean isClauseBreak(Token token) {
            if (token.kind() != Token.Kind.PUNCT) {
                return false;
            }
            String t = token.text();
            boolean spacedHyphen = t.equals("-") && token.start() > 0 && token.end() < text.text().length()
                    && Character.isWhitespace(text.text().charAt(token.start() - 1))
                    && Character.isWhitespace(text.text().charAt(token.end()));
            return spacedHyphen || t.equals(",") || t.equals(";") || t.equals(":") || t.equals("\"") || t.equals("„")
                    || t.equals("”") || t.equals("–") || t.equals("—") || t.equals("(");
        }
    }
}
