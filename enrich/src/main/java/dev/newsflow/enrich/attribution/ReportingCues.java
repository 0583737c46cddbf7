package dev.newsflow.enrich.attribution;

import dev.newsflow.contract.SourceKind;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The words that mark attribution, per language. Polish entries are lemmas (Morfologik), English ones written forms.
 * Phrases are lists of lower-case words; a word ending in {@code *} matches any word it begins ("działając*").
 */
final class ReportingCues {

    /** Verbs that report what a source says: "informuje", "podała", "ocenia", "wywnioskowała". */
    static final Set<String> POLISH_VERBS = Set.of(
            "informować", "poinformować", "podać", "podawać", "ocenić", "oceniać", "komentować", "skomentować",
            "zaznaczyć", "zaznaczać", "wywnioskować", "stwierdzić", "stwierdzać", "donieść", "donosić", "przekazać",
            "przekazywać", "napisać", "pisać", "relacjonować", "zrelacjonować", "powiedzieć", "mówić", "ustalić",
            "ustalać", "zauważyć", "zauważać", "podkreślić", "podkreślać", "przypomnieć", "przypominać", "wskazać",
            "wskazywać", "ogłosić", "ogłaszać", "opublikować", "publikować", "alarmować", "ostrzec", "ostrzegać",
            "wyjaśnić", "wyjaśniać", "potwierdzić", "potwierdzać", "szacować", "oszacować", "raportować", "twierdzić",
            "dowiedzieć", "ujawnić", "ujawniać", "prognozować", "przewidywać", "wyliczyć", "wyliczać", "obliczyć",
            "zapowiedzieć", "zapowiadać", "dodać", "dodawać", "oświadczyć", "przyznać", "przyznawać",
            "zdementować", "cytować", "zacytować", "powołać", "powoływać", "analizować", "wyjawić", "sugerować",
            "zasugerować", "uważać", "sądzić", "odnotować", "odnotowywać", "zwrócić", "zwracać");

    /** English reporting verbs as written. */
    static final Set<String> ENGLISH_VERBS = Set.of(
            "said", "says", "say", "reported", "reports", "report", "told", "tells", "wrote", "writes", "stated",
            "states", "announced", "announces", "confirmed", "confirms", "noted", "notes", "added", "adds",
            "estimated", "estimates", "revealed", "reveals", "warned", "warns", "claimed", "claims", "found", "finds",
            "concluded", "concludes", "cited", "cites", "quoted", "quotes", "published", "publishes", "learned",
            "disclosed", "explained", "explains", "observed", "assessed", "assesses", "predicted", "projected",
            "stressed", "stresses", "insisted", "insists", "argued", "argues", "acknowledged", "admitted", "denied",
            "denies", "condemned", "condemns", "urged", "urges", "emphasised", "emphasized", "alleged", "alleges",
            "declared", "declares", "forecast", "forecasts", "calculated", "showed", "shows", "indicated");

    /** Words that link a person to the body they speak for: "Sui-Lee Wee of the New York Times". */
    static final Set<String> EMPLOYER_LINKS = Set.of("of", "from", "at", "z", "ze");

    /** Words joining two subjects of one reporting verb: "the UN and the EU said". */
    static final Set<String> CONJUNCTIONS = Set.of("and", "i", "oraz");

    /** English verbs after which the source may follow: "said the Associated Press". */
    static final Set<String> ENGLISH_VERBS_BEFORE_SOURCE = Set.of("said", "says", "reported", "reports");

    /** Phrases after which the source follows directly: "według", "according to", "cytowany przez". */
    static final Phrases LEADING_PHRASES = Phrases.of(
            List.of("według"), List.of("wg"), List.of("cytowany", "przez"), List.of("cytowana", "przez"),
            List.of("cytowane", "przez"), List.of("cytowani", "przez"), List.of("powołując", "się", "na"),
            List.of("powołując", "się", "w"), List.of("w", "rozmowie", "z"), List.of("w", "wywiadzie", "dla"),
            List.of("na", "łamach"), List.of("jak", "podaje"), List.of("jak", "informuje"),
            List.of("according", "to"), List.of("citing"), List.of("quoted", "by"), List.of("cited", "by"),
            List.of("reported", "by"), List.of("in", "an", "interview", "with"), List.of("told"));

    /** "za" cites only known sources: as a preposition it is far too common ("za inwazję"). */
    static final Phrases LEADING_PHRASES_KNOWN_ONLY = Phrases.of(List.of("za"), List.of("per"),
            List.of("via"));

    /** Phrases that introduce the body a source belongs to: "działająca w ramach", "part of". */
    static final Phrases AFFILIATION_PHRASES = Phrases.of(
            List.of("działając*", "w", "ramach"), List.of("należąc*", "do"), List.of("wchodząc*", "w", "skład"),
            List.of("będąc*", "częścią"), List.of("powiązan*", "z"), List.of("afiliowan*", "przy"),
            List.of("part", "of"), List.of("a", "project", "of"), List.of("a", "program", "of"),
            List.of("a", "programme", "of"), List.of("an", "arm", "of"), List.of("a", "unit", "of"),
            List.of("a", "division", "of"), List.of("affiliated", "with"), List.of("a", "subsidiary", "of"),
            List.of("run", "by"));

    /** Nouns that describe a source and hint at its kind: "agencja Bloomberga", "strona internetowa 38 North". */
    static final Map<String, SourceKind> DESCRIPTORS = Map.ofEntries(
            Map.entry("agencja", SourceKind.NEWS_AGENCY), Map.entry("agency", SourceKind.NEWS_AGENCY),
            Map.entry("dziennik", SourceKind.NEWSPAPER), Map.entry("gazeta", SourceKind.NEWSPAPER),
            Map.entry("newspaper", SourceKind.NEWSPAPER), Map.entry("daily", SourceKind.NEWSPAPER),
            Map.entry("paper", SourceKind.NEWSPAPER), Map.entry("tygodnik", SourceKind.MAGAZINE),
            Map.entry("magazyn", SourceKind.MAGAZINE), Map.entry("magazine", SourceKind.MAGAZINE),
            Map.entry("portal", SourceKind.NEWS_WEBSITE), Map.entry("serwis", SourceKind.NEWS_WEBSITE),
            Map.entry("strona", SourceKind.NEWS_WEBSITE), Map.entry("website", SourceKind.NEWS_WEBSITE),
            Map.entry("site", SourceKind.NEWS_WEBSITE), Map.entry("outlet", SourceKind.NEWS_WEBSITE),
            Map.entry("telewizja", SourceKind.BROADCASTER), Map.entry("stacja", SourceKind.BROADCASTER),
            Map.entry("radio", SourceKind.BROADCASTER), Map.entry("rozgłośnia", SourceKind.BROADCASTER),
            Map.entry("broadcaster", SourceKind.BROADCASTER), Map.entry("network", SourceKind.BROADCASTER),
            Map.entry("channel", SourceKind.BROADCASTER), Map.entry("ośrodek", SourceKind.THINK_TANK),
            Map.entry("instytut", SourceKind.THINK_TANK), Map.entry("institute", SourceKind.THINK_TANK),
            Map.entry("think", SourceKind.THINK_TANK), Map.entry("tank", SourceKind.THINK_TANK),
            Map.entry("resort", SourceKind.GOVERNMENT), Map.entry("ministerstwo", SourceKind.GOVERNMENT),
            Map.entry("ministry", SourceKind.GOVERNMENT), Map.entry("wywiad", SourceKind.INTELLIGENCE_SERVICE),
            Map.entry("służba", SourceKind.INTELLIGENCE_SERVICE), Map.entry("organizacja", SourceKind.NGO),
            Map.entry("organization", SourceKind.NGO), Map.entry("group", SourceKind.UNKNOWN),
            Map.entry("firma", SourceKind.COMPANY), Map.entry("spółka", SourceKind.COMPANY),
            Map.entry("company", SourceKind.COMPANY), Map.entry("firm", SourceKind.COMPANY),
            Map.entry("wire", SourceKind.NEWS_AGENCY), Map.entry("service", SourceKind.UNKNOWN));

    /**
     * Words that make a capitalised name an organisation rather than a person: "Census Bureau",
     * "Kanadyjskie Towarzystwo Krwiodawstwa". Polish entries are lemmas.
     */
    static final Set<String> ORGANISATION_WORDS = Set.of(
            "agency", "bureau", "institute", "institution", "center", "centre", "council", "commission", "committee",
            "department", "ministry", "office", "service", "association", "federation", "foundation", "union",
            "organization", "organisation", "group", "corporation", "company", "bank", "university", "college",
            "society", "board", "authority", "administration", "party", "network", "news", "times", "post",
            "journal", "press", "tribune", "herald", "gazette", "telegraph", "media", "radio", "television", "tv",
            "channel", "watch", "project", "lab", "laboratory", "research", "forum", "fund", "trust", "league",
            "coalition", "alliance", "court", "police", "army", "command", "parliament", "congress", "senate",
            "government", "inc", "ltd", "corp", "daily", "weekly", "magazine", "review", "monitor", "observatory",
            "agencja", "biuro", "instytut", "ośrodek", "centrum", "rada", "komisja", "komitet", "departament",
            "ministerstwo", "urząd", "służba", "stowarzyszenie", "federacja", "fundacja", "związek", "organizacja",
            "grupa", "spółka", "uniwersytet", "uczelnia", "towarzystwo", "zarząd", "administracja", "partia",
            "telewizja", "gazeta", "dziennik", "tygodnik", "portal", "serwis", "sąd", "policja", "armia",
            "sejm", "rząd", "inspekcja", "inspektorat", "izba", "fundusz", "obserwatorium", "kancelaria",
            "akademia", "obserwator", "straż", "prokuratura");

    /** Prepositions: a name right after one is an object, not the speaker ("o sprzedaży przez Pjongjang"). */
    static final Set<String> PREPOSITIONS = Set.of(
            "o", "w", "we", "na", "do", "z", "ze", "przez", "dla", "od", "po", "nad", "pod", "przed", "przy", "u",
            "między", "wobec", "about", "on", "in", "of", "for", "to", "with", "from", "at", "into", "against");

    /**
     * Nouns for people by their post: a source slot taken by one ("powiedział rzecznik ministerstwa", "said a
     * spokesman for the ministry") holds a person speaking, not the body. Polish entries are lemmas.
     */
    static final Set<String> PERSON_ROLES = Set.of(
            "dyrektor", "dyrektorka", "rzecznik", "rzeczniczka", "szef", "szefowa", "prezes", "prezeska",
            "przewodniczący", "przewodnicząca", "minister", "wiceminister", "ministra", "premier", "prezydent",
            "ekspert", "ekspertka", "analityk", "analityczka", "profesor", "członek", "członkini", "sekretarz",
            "ambasador", "doradca", "doradczyni", "burmistrz", "wojewoda", "gubernator", "poseł", "posłanka",
            "senator", "komendant", "dowódca", "pracownik", "pracownica", "przedstawiciel", "przedstawicielka",
            "spokesman", "spokeswoman", "spokesperson", "director", "chief", "head", "secretary",
            "president", "ceo", "chairman", "chairwoman", "official", "analyst", "professor", "expert", "adviser",
            "advisor", "ambassador", "mayor", "governor", "representative", "commander", "researcher",
            "economist", "strategist", "executive", "lawyer", "attorney");

    /** Capitalised words that may stand between a cue and its source: "said on Monday Reuters". */
    static final Set<String> CALENDAR_WORDS = Set.of("monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
            "september", "october", "november", "december");

    /** Words that may join capitalised words inside one name: "Bank of Korea", "Procter & Gamble". */
    static final Set<String> NAME_CONNECTORS = Set.of("of", "for", "and", "&", "the", "de", "du", "der", "la", "on");

    /** {@link #WORD_CUES} bit: a {@link #LEADING_PHRASES} phrase may start at the word. */
    static final int STARTS_LEADING_PHRASE = 1;
    /** {@link #WORD_CUES} bit: a {@link #LEADING_PHRASES_KNOWN_ONLY} phrase may start at the word. */
    static final int STARTS_KNOWN_ONLY_PHRASE = 2;
    /** {@link #WORD_CUES} bit: the word is one of {@link #ENGLISH_VERBS}. */
    static final int ENGLISH_VERB = 4;

    /**
     * The cues tried at every token, by lower-cased word: one look-up per word instead of one per cue; a word not
     * here is none of them, and neither is a number or punctuation: every key is made of letters.
     */
    static final Map<String, Integer> WORD_CUES = wordCues();

    private static Map<String, Integer> wordCues() {
        Map<String, Integer> cues = new HashMap<>();
        LEADING_PHRASES.firstWords().forEach(word -> cues.merge(word, STARTS_LEADING_PHRASE, (a, b) -> a | b));
        LEADING_PHRASES_KNOWN_ONLY.firstWords().forEach(word ->
                cues.merge(word, STARTS_KNOWN_ONLY_PHRASE, (a, b) -> a | b));
        ENGLISH_VERBS.forEach(word -> cues.merge(word, ENGLISH_VERB, (a, b) -> a | b));
        for (String word : cues.keySet()) {
            if (word.isEmpty() || !word.chars().allMatch(Character::isLetter)) {
                throw new IllegalStateException("a cue word not made of letters: " + word);
            }
        }
        // a HashMap rather than Map.copyOf: it compares cached hashes before strings, and most words miss
        return Collections.unmodifiableMap(cues);
    }

    private ReportingCues() {
    }
}
