package dev.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.SourceKind;
import dev.newsflow.contract.Tag;
import dev.newsflow.contract.TagType;
import dev.newsflow.enrich.kb.Entity;
import dev.newsflow.enrich.kb.KnowledgeBase;
import dev.newsflow.enrich.kb.Topic;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the bundled knowledge base must cover (countries, leaders, sources, IPTC topics) and the ambiguous names it
 * must not tag. Sentences go through the real {@link Enricher}.
 */
class KnowledgeBaseCoverageTest {

    /** The 193 member states of the United Nations, by the English label the knowledge base gives them. */
    static final List<String> UN_MEMBERS = List.of(
            "Afghanistan", "Albania", "Algeria", "Andorra", "Angola", "Antigua and Barbuda", "Argentina", "Armenia",
            "Australia", "Austria", "Azerbaijan", "Bahamas", "Bahrain", "Bangladesh", "Barbados", "Belarus", "Belgium",
            "Belize", "Benin", "Bhutan", "Bolivia", "Bosnia and Herzegovina", "Botswana", "Brazil", "Brunei",
            "Bulgaria", "Burkina Faso", "Burundi", "Cape Verde", "Cambodia", "Cameroon", "Canada",
            "Central African Republic", "Chad", "Chile", "China", "Colombia", "Comoros", "Republic of the Congo",
            "Democratic Republic of the Congo", "Costa Rica", "Ivory Coast", "Croatia", "Cuba", "Cyprus",
            "Czech Republic", "Denmark", "Djibouti", "Dominica", "Dominican Republic", "Ecuador", "Egypt",
            "El Salvador", "Equatorial Guinea", "Eritrea", "Estonia", "Eswatini", "Ethiopia", "Fiji", "Finland",
            "France", "Gabon", "Gambia", "Georgia", "Germany", "Ghana", "Greece", "Grenada", "Guatemala", "Guinea",
            "Guinea-Bissau", "Guyana", "Haiti", "Honduras", "Hungary", "Iceland", "India", "Indonesia", "Iran", "Iraq",
            "Ireland", "Israel", "Italy", "Jamaica", "Japan", "Jordan", "Kazakhstan", "Kenya", "Kiribati",
            "North Korea", "South Korea", "Kuwait", "Kyrgyzstan", "Laos", "Latvia", "Lebanon", "Lesotho", "Liberia",
            "Libya", "Liechtenstein", "Lithuania", "Luxembourg", "Madagascar", "Malawi", "Malaysia", "Maldives",
            "Mali", "Malta", "Marshall Islands", "Mauritania", "Mauritius", "Mexico",
            "Federated States of Micronesia", "Moldova", "Monaco", "Mongolia", "Montenegro", "Morocco", "Mozambique",
            "Myanmar", "Namibia", "Nauru", "Nepal", "Netherlands", "New Zealand", "Nicaragua", "Niger", "Nigeria",
            "North Macedonia", "Norway", "Oman", "Pakistan", "Palau", "Panama", "Papua New Guinea", "Paraguay",
            "Peru", "Philippines", "Poland", "Portugal", "Qatar", "Romania", "Russia", "Rwanda",
            "Saint Kitts and Nevis", "Saint Lucia", "Saint Vincent and the Grenadines", "Samoa", "San Marino",
            "São Tomé and Príncipe", "Saudi Arabia", "Senegal", "Serbia", "Seychelles", "Sierra Leone", "Singapore",
            "Slovakia", "Slovenia", "Solomon Islands", "Somalia", "South Africa", "South Sudan", "Spain", "Sri Lanka",
            "Sudan", "Suriname", "Sweden", "Switzerland", "Syria", "Tajikistan", "Tanzania", "Thailand",
            "Timor-Leste", "Togo", "Tonga", "Trinidad and Tobago", "Tunisia", "Turkey", "Turkmenistan", "Tuvalu",
            "Uganda", "Ukraine", "United Arab Emirates", "United Kingdom", "United States", "Uruguay", "Uzbekistan",
            "Vanuatu", "Venezuela", "Vietnam", "Yemen", "Zambia", "Zimbabwe");

    /** UN observers, disputed and dependent territories that are news places of their own. */
    static final List<String> OTHER_TERRITORIES = List.of("Taiwan", "Kosovo", "State of Palestine", "Vatican City",
            "Western Sahara", "Hong Kong", "Greenland", "Macau", "Puerto Rico", "Gaza Strip", "West Bank", "Crimea");

    static final Set<String> SOURCE_KINDS = Set.of("news agency", "newspaper", "broadcaster", "news website",
            "magazine", "research website", "think tank", "government", "intelligence service", "military",
            "photo agency", "company", "ngo", "international body", "university");

    private static KnowledgeBase kb;
    private static JsonNode raw;

    @BeforeAll
    static void load() throws IOException {
        kb = KnowledgeBase.bundled();
        try (InputStream in = KnowledgeBase.class.getResourceAsStream(KnowledgeBase.BUNDLED_RESOURCE)) {
            raw = new YAMLMapper().readTree(in);
        }
    }

    private static EnrichedArticle enrich(String text, String language) {
        return TestArticles.enricher().enrich(TestArticles.article("", text, language));
    }

    private static List<String> labels(EnrichedArticle article) {
        return article.tags().stream().map(Tag::label).toList();
    }

    private static Map<String, List<Entity>> byLabel() {
        return kb.entities().stream().collect(Collectors.groupingBy(Entity::label));
    }

    // --- Places -----------------------------------------------------------------------------------------------------

    @Test
    void shouldListEveryUnMemberStateAsAPlaceWithEnglishAndPolishNames() {
        assertThat(UN_MEMBERS).hasSize(193).doesNotHaveDuplicates();
        Map<String, List<Entity>> byLabel = byLabel();
        List<String> missing = new ArrayList<>();
        for (String country : UN_MEMBERS) {
            Optional<Entity> place = byLabel.getOrDefault(country, List.of()).stream()
                    .filter(e -> e.type() == TagType.PLACE).findFirst();
            if (place.isEmpty() || !place.get().names().containsKey("en") || !place.get().names().containsKey("pl")) {
                missing.add(country);
            } else {
                assertThat(place.get().id()).as("id of %s", country).matches("Q\\d+");
            }
        }
        assertThat(missing).as("UN members without a place entry with en and pl names").isEmpty();
    }

    @Test
    void shouldListObserversAndDisputedTerritoriesAsPlaces() {
        Map<String, List<Entity>> byLabel = byLabel();
        assertThat(OTHER_TERRITORIES).allSatisfy(label -> assertThat(byLabel.getOrDefault(label, List.of()))
                .as(label).anyMatch(e -> e.type() == TagType.PLACE));
    }

    @Test
    void shouldTagCountriesAndCapitalsByTheirPolishExonymsThroughInflection() {
        EnrichedArticle article = enrich("Delegacje z Wybrzeża Kości Słoniowej, Republiki Środkowoafrykańskiej, "
                + "Demokratycznej Republiki Konga i Gwinei Równikowej przyleciały do Pekinu, a potem do Waszyngtonu, "
                + "Nowego Jorku, Kijowa, Charkowa, Mińska, Wilna i Lwowa. Rozmowy odbyły się też w Nigrze i w Nigerii, "
                + "w Tadżykistanie oraz w Papui-Nowej Gwinei.", "pl");
        assertThat(labels(article)).contains("Ivory Coast", "Central African Republic",
                "Democratic Republic of the Congo", "Equatorial Guinea", "Beijing", "Washington, D.C.",
                "New York City", "Kyiv", "Kharkiv", "Minsk", "Vilnius", "Lviv", "Niger", "Nigeria", "Tajikistan",
                "Papua New Guinea").doesNotContain("Guinea");
        EnrichedArticle cities = enrich("Protesty w Gdańsku, Krakowie, Wrocławiu, Poznaniu, Łodzi, Katowicach, "
                + "Szczecinie, Lublinie, Białymstoku i Rzeszowie. W Stambule, Szanghaju i Mumbaju spokojnie.", "pl");
        assertThat(labels(cities)).contains("Gdańsk", "Kraków", "Wrocław", "Poznań", "Łódź", "Katowice", "Szczecin",
                "Lublin", "Białystok", "Rzeszów", "Istanbul", "Shanghai", "Mumbai");
    }

    // --- Ambiguous names --------------------------------------------------------------------------------------------

    static Stream<Arguments> ambiguousSentences() {
        return Stream.of(
                Arguments.of("pl", "Mali przedsiębiorcy mogą skorzystać z ulgi. Mali pacjenci trafili do szpitala, "
                        + "a mali i średni przedsiębiorcy czekają.", "Mali"),
                Arguments.of("pl", "Spotkali się w Małym Rynku i w Małej Wsi, potem poszli do Małego Księcia.", "Mali"),
                Arguments.of("pl", "Czad w mieszkaniu zabił dwie osoby. Strażacy ostrzegają przed czadem.", "Chad"),
                Arguments.of("en", "Chad Johnson, 34, said the team would win. Chad told reporters he was happy.",
                        "Chad"),
                Arguments.of("en", "Michael Jordan scored 40 points. Jordan said he would retire. Jordan Bardella "
                        + "spoke in Paris.", "Jordan"),
                Arguments.of("pl", "Mówi Jordan, student z Krakowa. Jordan Bardella przemawiał w Paryżu.", "Jordan"),
                Arguments.of("en", "Atlanta, Georgia, hosted the rally. Georgia Governor Brian Kemp said Georgia "
                        + "would recount the votes.", "Georgia"),
                Arguments.of("pl", "Katar męczy mnie od tygodnia. Katar i kaszel to objawy przeziębienia.", "Qatar"),
                Arguments.of("pl", "Kuba Wojewódzki zaprosił gościa. Kuba poszedł do szkoły.", "Cuba"),
                Arguments.of("pl", "Dominika Kowalska wygrała konkurs. Dominika cieszy się z nagrody.", "Dominica"),
                Arguments.of("pl", "Komory gazowe zostały zniszczone. Komory silnika były puste.", "Comoros"),
                Arguments.of("pl", "Rabat wynosi 20 proc. Rabat obowiązuje do końca miesiąca.", "Rabat"),
                Arguments.of("pl", "Chciałbym to go zrobić, ale nie wiem, czy to go przekona.", "Togo"),
                Arguments.of("pl", "To zły omen dla rynku, mówi ekonomista.", "Oman"),
                Arguments.of("en", "We ate turkey for Thanksgiving, the china plates broke and the guinea pig "
                        + "escaped.", "Turkey"),
                Arguments.of("en", "We ate turkey for Thanksgiving, the china plates broke and the guinea pig "
                        + "escaped.", "China"),
                Arguments.of("en", "We ate turkey for Thanksgiving, the china plates broke and the guinea pig "
                        + "escaped.", "Guinea"),
                Arguments.of("pl", "Burmistrz Mińska Mazowieckiego otworzył most w Mińsku Mazowieckim.", "Minsk"),
                Arguments.of("en", "Trump hosted guests at Mar-a-Lago on Saturday.", "Lagos"),
                Arguments.of("en", "Sofia Coppola released a new film.", "Sofia"),
                Arguments.of("en", "Bernie Sanders spoke in Vermont.", "Bern"),
                Arguments.of("en", "Nigeria's army said it had repelled the attack.", "Niger"),
                Arguments.of("pl", "Wojsko Nigerii odparło atak na północy Nigerii.", "Niger"),
                Arguments.of("en", "The Dominican Republic's president spoke.", "Dominica"),
                Arguments.of("en", "The Republic of the Congo signed a deal with the Republic of Congo's neighbours.",
                        "Democratic Republic of the Congo"),
                Arguments.of("pl", "W stanie Waszyngton padało przez cały tydzień.", "Washington, D.C."),
                Arguments.of("en", "Slovak MEP Milan Uhrík and actress Sydney Sweeney met Whitney Houston's fans.",
                        "Milan"),
                Arguments.of("en", "Slovak MEP Milan Uhrík and actress Sydney Sweeney met Whitney Houston's fans.",
                        "Sydney"),
                Arguments.of("en", "Slovak MEP Milan Uhrík and actress Sydney Sweeney met Whitney Houston's fans.",
                        "Houston"),
                Arguments.of("en", "CCTV footage showed the suspect. Police released more CCTV images.", "CCTV"),
                Arguments.of("en", "A Russian strike hit Kyiv overnight; another strike hit Odesa.", "labour"),
                Arguments.of("en", "Royal Bank of Canada: RBC analysts raised their forecast.", "RBC"));
    }

    @ParameterizedTest(name = "[{0}] {2} not in: {1}")
    @MethodSource("ambiguousSentences")
    void shouldNotTagAmbiguousNamesInOrdinaryText(String language, String text, String forbidden) {
        assertThat(labels(enrich(text, language))).doesNotContain(forbidden);
    }

    static Stream<Arguments> disambiguatedSentences() {
        return Stream.of(
                Arguments.of("en", "Mali's junta expelled French troops. Fighting in Mali continued.", "Mali"),
                Arguments.of("pl", "Republika Mali zerwała stosunki z Francją. Mali oskarża Paryż.", "Mali"),
                Arguments.of("pl", "Wojsko w Czadzie przejęło władzę. Czad zamknął granice.", "Chad"),
                Arguments.of("en", "Troops in Chad clashed with rebels, and Chad closed the border.", "Chad"),
                Arguments.of("en", "The Hashemite Kingdom of Jordan denied the report; Jordan said it would help.",
                        "Jordan"),
                Arguments.of("pl", "Władze Jordanii potwierdziły, że Jordania zamknie granicę.", "Jordan"),
                Arguments.of("pl", "Gruzja wstrzymała rozmowy z UE. Rząd Gruzji protestuje.", "Georgia"),
                Arguments.of("en", "Protests in Tbilisi: the Republic of Georgia froze EU talks, and Georgia's ruling "
                        + "party rejected criticism.", "Georgia"),
                Arguments.of("en", "Atlanta, Georgia, hosted the rally.", "Georgia (U.S. state)"),
                Arguments.of("pl", "Emir przyleciał do Kataru. Katar zaoferował mediację w rozmowach w Katarze.",
                        "Qatar"),
                Arguments.of("pl", "Republika Kuby ogłosiła amnestię. Kuba zmaga się z kryzysem.", "Cuba"),
                Arguments.of("en", "Congo's army fought M23 rebels near Goma.", "Democratic Republic of the Congo"),
                Arguments.of("en", "Lagos was quiet after Nigeria's election.", "Lagos"),
                Arguments.of("pl", "Premier przyleciał do Sofii. W Sofii rozmawiał z prezydentem Bułgarii.", "Sofia"),
                Arguments.of("pl", "Sułtan Omanu przyjął delegację. Oman pośredniczy w rozmowach.", "Oman"),
                Arguments.of("en", "Togo, Peru, Laos and Iran signed the declaration.", "Togo"));
    }

    @ParameterizedTest(name = "[{0}] {2} in: {1}")
    @MethodSource("disambiguatedSentences")
    void shouldTagAmbiguousNamesWhereTheArticleNamesThePlaceUnambiguously(String language, String text,
            String expected) {
        assertThat(labels(enrich(text, language))).contains(expected);
    }

    // --- People -----------------------------------------------------------------------------------------------------

    /** A head of state or government of each G20 member, named in a Polish and in an English sentence. */
    static Stream<Arguments> g20Leaders() {
        return Stream.of(
                Arguments.of("Argentina", "Javier Milei", "Rozmowa z Javierem Mileiem trwała godzinę.",
                        "Argentina's Javier Milei spoke for an hour."),
                Arguments.of("Australia", "Anthony Albanese", "Premier Australii Anthony Albanese przyleciał do Tokio.",
                        "Australian Prime Minister Anthony Albanese flew to Tokyo."),
                Arguments.of("Brazil", "Luiz Inácio Lula da Silva", "Prezydent Brazylii Lula da Silva skrytykował cła.",
                        "Brazil's President Luiz Inácio Lula da Silva criticised the tariffs."),
                Arguments.of("Canada", "Mark Carney", "Premier Kanady Mark Carney ogłosił wybory.",
                        "Canadian Prime Minister Mark Carney called an election."),
                Arguments.of("China", "Xi Jinping", "Przewodniczący ChRL Xi Jinping przyjął gości.",
                        "Chinese leader Xi Jinping received the guests."),
                Arguments.of("France", "Emmanuel Macron", "Rozmawiał z prezydentem Francji Emmanuelem Macronem.",
                        "He spoke with French President Emmanuel Macron."),
                Arguments.of("Germany", "Friedrich Merz", "Kanclerz Niemiec Friedrich Merz odwiedził Warszawę.",
                        "German Chancellor Friedrich Merz visited Warsaw."),
                Arguments.of("India", "Narendra Modi", "Spotkanie z premierem Indii Narendrą Modim odwołano.",
                        "A meeting with India's Prime Minister Narendra Modi was cancelled."),
                Arguments.of("Indonesia", "Prabowo Subianto", "Prezydent Indonezji Prabowo Subianto podpisał umowę.",
                        "Indonesian President Prabowo Subianto signed the deal."),
                Arguments.of("Italy", "Giorgia Meloni", "Premier Włoch Giorgia Meloni zabrała głos.",
                        "Italian Prime Minister Giorgia Meloni spoke."),
                Arguments.of("Japan", "Sanae Takaichi", "Premier Japonii Sanae Takaichi spotkała się z prezydentem.",
                        "Japanese Prime Minister Sanae Takaichi met the president."),
                Arguments.of("Mexico", "Claudia Sheinbaum", "Rozmowa z prezydentką Meksyku Claudią Sheinbaum.",
                        "A call with Mexican President Claudia Sheinbaum."),
                Arguments.of("Russia", "Vladimir Putin", "Władimir Putin spotkał się z ministrami.",
                        "Vladimir Putin met his ministers."),
                Arguments.of("Saudi Arabia", "Mohammed bin Salman",
                        "Następca tronu Mohammed bin Salman przyjął delegację.",
                        "Crown Prince Mohammed bin Salman received the delegation."),
                Arguments.of("South Africa", "Cyril Ramaphosa", "Prezydent RPA Cyril Ramaphosa przemawiał.",
                        "South African President Cyril Ramaphosa spoke."),
                Arguments.of("South Korea", "Lee Jae-myung", "Rozmowa z Lee Jae-myungiem trwała godzinę.",
                        "South Korean President Lee Jae-myung met them."),
                Arguments.of("Turkey", "Recep Tayyip Erdoğan", "Prezydent Turcji Recep Tayyip Erdoğan zadzwonił.",
                        "Turkish President Recep Tayyip Erdogan called."),
                Arguments.of("United Kingdom", "Keir Starmer", "Zadzwonił do premiera Keira Starmera.",
                        "He called Prime Minister Keir Starmer."),
                Arguments.of("United States", "Donald Trump", "Prezydent USA Donald Trump podpisał dekret.",
                        "US President Donald Trump signed the order."),
                Arguments.of("European Union", "Ursula von der Leyen",
                        "Przewodnicząca Komisji Europejskiej Ursula von der Leyen przemawiała.",
                        "European Commission President Ursula von der Leyen spoke."),
                Arguments.of("African Union", "Mahmoud Ali Youssouf",
                        "Szef Komisji Unii Afrykańskiej Mahmoud Ali Youssouf zaapelował o pokój.",
                        "African Union Commission chair Mahmoud Ali Youssouf called for peace."));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("g20Leaders")
    void shouldTagAG20LeaderInPolishAndEnglish(String member, String leader, String polish, String english) {
        assertThat(labels(enrich(polish, "pl"))).as("Polish: %s", polish).contains(leader);
        assertThat(labels(enrich(english, "en"))).as("English: %s", english).contains(leader);
        assertThat(kb.entities()).filteredOn(e -> e.label().equals(leader))
                .singleElement().extracting(Entity::type).isEqualTo(TagType.PERSON);
    }

    @Test
    void shouldTagNeighbourAndPolishLeadersByPolishTransliterations() {
        EnrichedArticle article = enrich("Wołodymyr Zełenski rozmawiał z Aleksandrem Łukaszenką, Siergiejem Ławrowem "
                + "i Dmitrijem Pieskowem, a potem z Andrejem Babišem, Robertem Fico i Gitanasem Nausėdą, "
                + "a prezydent Czech Petr Pavel milczał. Karol Nawrocki, Donald Tusk, Radosław Sikorski i Władysław Kosiniak-Kamysz spotkali się z "
                + "Kim Dzong Unem? Nie, z Jarosławem Kaczyńskim.", "pl");
        assertThat(labels(article)).contains("Volodymyr Zelensky", "Alexander Lukashenko", "Sergey Lavrov",
                "Dmitry Peskov", "Andrej Babiš", "Robert Fico", "Gitanas Nausėda", "Petr Pavel", "Karol Nawrocki",
                "Donald Tusk", "Radosław Sikorski", "Władysław Kosiniak-Kamysz", "Kim Jong Un", "Jarosław Kaczyński");
    }

    // --- Sources ----------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"PAP", "TVN24", "TVP Info", "Polsat News", "RMF FM", "Radio ZET", "Polskie Radio", "Onet",
            "Wirtualna Polska", "Interia", "Gazeta Wyborcza", "Rzeczpospolita", "Fakt", "Super Express",
            "Dziennik Gazeta Prawna", "Puls Biznesu", "Newsweek Polska", "tygodnik Polityka", "Wprost",
            "tygodnik Do Rzeczy", "tygodnik Sieci", "money.pl", "Business Insider Polska", "Bankier.pl",
            "Notes from Poland", "wPolityce", "Gazeta.pl", "Radio Maryja", "Telewizja Republika", "TOK FM",
            "OKO.press"})
    void shouldKnowEveryMainPolishOutletAsASource(String outlet) {
        EnrichedArticle article = enrich("O sprawie jako pierwszy napisał " + outlet + " w poniedziałek.", "pl");
        Optional<Entity> source = article.tags().stream().filter(tag -> tag.type() == TagType.ORGANIZATION)
                .map(tag -> kb.entity(tag.id()).orElseThrow()).filter(e -> e.source() != null).findFirst();
        assertThat(source).as("a source among %s", labels(article)).isPresent();
        assertThat(source.get().sourceKind()).isIn(SourceKind.NEWS_AGENCY, SourceKind.NEWSPAPER,
                SourceKind.BROADCASTER, SourceKind.NEWS_WEBSITE, SourceKind.MAGAZINE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Reuters", "AP", "AFP", "dpa", "ANSA", "EFE", "Kyodo", "Xinhua", "TASS", "RIA Novosti",
            "Interfax", "Ukrinform", "Yonhap", "KCNA", "Anadolu", "Bloomberg", "PAP", "ČTK", "TASR", "MTI"})
    void shouldKnowTheMainNewsAgencies(String agency) {
        EnrichedArticle article = enrich("The report was first published by " + agency + " on Monday.", "en");
        assertThat(article.tags()).as("tags %s", labels(article))
                .anySatisfy(tag -> assertThat(kb.entity(tag.id()).orElseThrow().sourceKind())
                        .isEqualTo(SourceKind.NEWS_AGENCY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"BBC", "CNN", "The New York Times", "The Washington Post", "The Wall Street Journal",
            "Financial Times", "The Guardian", "The Economist", "Politico", "Der Spiegel", "Bild", "Le Monde",
            "Al Jazeera", "NHK", "RT", "Fox News", "NBC News", "CBS News", "ABC News", "Axios", "CNBC", "Sky News",
            "Deutsche Welle", "Radio Free Europe", "Meduza", "Kyiv Independent", "Ukrainska Pravda", "NK News",
            "Daily NK", "Stimson Center", "38 North", "Brookings", "RAND", "CSIS", "Carnegie Endowment",
            "Chatham House", "IISS", "SIPRI", "Institute for the Study of War", "Atlantic Council",
            "Council on Foreign Relations", "Heritage Foundation", "Bruegel", "ECFR", "Kiel Institute",
            "Peterson Institute", "Pew Research Center", "White House", "Pentagon", "State Department", "CIA", "FBI",
            "NSA", "Kremlin", "FSB", "SVR", "SBU", "Bundeswehr", "MI6", "UN Security Council", "UNHCR", "IAEA",
            "NATO", "European Commission", "European Parliament", "Council of the EU", "ECB", "OSCE", "IMF",
            "World Bank", "WTO", "OPEC", "G7", "G20", "IEA", "Amnesty International", "Human Rights Watch", "ICRC",
            "MSF", "Bank of England", "Bank of Japan", "People's Bank of China", "Federal Reserve"})
    void shouldKnowInternationalOutletsThinkTanksAndBodiesAsSources(String name) {
        EnrichedArticle article = enrich("The figures were confirmed by " + name + " on Monday.", "en");
        assertThat(article.tags()).as("tags %s", labels(article)).anySatisfy(tag -> assertThat(
                kb.entity(tag.id()).orElseThrow().sourceKind()).isNotEqualTo(SourceKind.UNKNOWN));
    }

    @ParameterizedTest
    @ValueSource(strings = {"MON", "MSZ", "Ministerstwo Finansów", "KPRM", "Kancelaria Prezydenta", "ABW",
            "Agencja Wywiadu", "NBP", "GUS", "Sejm", "Senat", "Prokuratura Krajowa", "Straż Graniczna",
            "Komenda Główna Policji", "Ośrodek Studiów Wschodnich", "PISM", "Polski Instytut Ekonomiczny",
            "Warsaw Enterprise Institute", "Dowództwo Operacyjne", "ukraiński Sztab Generalny", "HUR"})
    void shouldKnowPolishAndUkrainianBodiesAsSources(String name) {
        EnrichedArticle article = enrich("Dane potwierdził w poniedziałek " + name + ".", "pl");
        assertThat(article.tags()).as("tags %s", labels(article)).anySatisfy(tag -> assertThat(
                kb.entity(tag.id()).orElseThrow().sourceKind()).isNotEqualTo(SourceKind.UNKNOWN));
    }

    // --- The file itself --------------------------------------------------------------------------------------------

    private static List<JsonNode> rawEntries(String section) {
        List<JsonNode> entries = new ArrayList<>();
        raw.get(section).forEach(entries::add);
        return entries;
    }

    @Test
    void shouldHaveUniqueWellFormedIdsInTheFile() {
        List<String> ids = Stream.concat(rawEntries("entities").stream(), rawEntries("topics").stream())
                .map(node -> node.get("id").asText()).toList();
        Set<String> seen = new HashSet<>();
        assertThat(ids).filteredOn(id -> !seen.add(id)).as("duplicate ids").isEmpty();
        assertThat(ids).allMatch(id -> id.matches("Q[1-9]\\d*|medtop:\\d{8}|newsflow:[a-z0-9]+(-[a-z0-9]+)*"));
    }

    @Test
    void shouldPointEveryParentAtAnEntryAndUseOnlyKnownSourceKinds() {
        Set<String> ids = rawEntries("entities").stream().map(node -> node.get("id").asText())
                .collect(Collectors.toSet());
        for (JsonNode entity : rawEntries("entities")) {
            JsonNode source = entity.get("source");
            if (source == null) {
                continue;
            }
            String id = entity.get("id").asText();
            assertThat(entity.get("type").asText()).as("type of source %s", id).isEqualTo("organization");
            assertThat(source.path("kind").asText()).as("kind of %s", id).isIn(SOURCE_KINDS);
            if (source.has("parent")) {
                assertThat(ids).as("parent of %s", id).contains(source.get("parent").asText());
                assertThat(source.get("parent").asText()).as("parent of %s", id).isNotEqualTo(id);
            }
        }
        assertThat(kb.entities()).filteredOn(e -> e.source() != null)
                .allSatisfy(e -> assertThat(e.sourceKind()).as(e.id()).isNotEqualTo(SourceKind.UNKNOWN));
    }

    @Test
    void shouldGiveEveryEntityALabelAndNamesWithoutSharingANameBetweenEntities() {
        Map<String, String> owner = new java.util.HashMap<>();
        List<String> shared = new ArrayList<>();
        for (Entity entity : kb.entities()) {
            assertThat(entity.label()).as(entity.id()).isNotBlank();
            entity.names().values().stream().flatMap(List::stream).distinct().forEach(name -> {
                String previous = owner.putIfAbsent(name, entity.id());
                if (previous != null && !previous.equals(entity.id())) {
                    shared.add(name + " (" + previous + ", " + entity.id() + ")");
                }
            });
        }
        assertThat(shared).as("names listed by two entities").isEmpty();
    }

    // --- Topics -----------------------------------------------------------------------------------------------------

    @Test
    void shouldHaveTheSeventeenTopLevelIptcMediaTopics() {
        Map<String, String> topLevel = Map.ofEntries(
                Map.entry("medtop:01000000", "arts, culture, entertainment and media"),
                Map.entry("medtop:02000000", "crime, law and justice"),
                Map.entry("medtop:03000000", "disaster, accident and emergency incident"),
                Map.entry("medtop:04000000", "economy, business and finance"),
                Map.entry("medtop:05000000", "education"), Map.entry("medtop:06000000", "environment"),
                Map.entry("medtop:07000000", "health"), Map.entry("medtop:08000000", "human interest"),
                Map.entry("medtop:09000000", "labour"), Map.entry("medtop:10000000", "lifestyle and leisure"),
                Map.entry("medtop:11000000", "politics"), Map.entry("medtop:12000000", "religion"),
                Map.entry("medtop:13000000", "science and technology"), Map.entry("medtop:14000000", "society"),
                Map.entry("medtop:15000000", "sport"), Map.entry("medtop:16000000", "conflict, war and peace"),
                Map.entry("medtop:17000000", "weather"));
        topLevel.forEach((id, label) -> assertThat(kb.topic(id)).as(id).get().extracting(Topic::label)
                .isEqualTo(label));
    }

    @Test
    void shouldGiveEverySlugTopicABroaderMediaTopicAndEveryTopicPolishAndEnglishKeywords() {
        for (Topic topic : kb.topics()) {
            assertThat(topic.keywords()).as("keywords of %s", topic.id()).containsKeys("pl", "en");
            if (topic.id().startsWith("newsflow:")) {
                assertThat(topic.broader()).as("broader of %s", topic.id()).matches("medtop:\\d{8}");
            }
            if (topic.requiredMentions() < 2) {
                assertThat(topic.id()).as("only narrow topics may fire on one mention").isEqualTo("Q81068910");
            }
        }
        Function<String, Long> keywordOwners = keyword -> kb.topics().stream()
                .filter(t -> t.keywords().values().stream().flatMap(List::stream)
                        .anyMatch(k -> k.equalsIgnoreCase(keyword))).count();
        kb.topics().forEach(topic -> topic.keywords().values().stream().flatMap(List::stream).forEach(keyword ->
                assertThat(keywordOwners.apply(keyword)).as("topics with keyword %s", keyword).isEqualTo(1L)));
    }

    @Test
    void shouldNotFireBroadTopicsOnBoilerplate() {
        EnrichedArticle article = enrich("Zaloguj się, aby czytać dalej. Zapisz się na newsletter. Udostępnij artykuł. "
                + "Czytaj także: prognoza na weekend. Reklama. Copyright 2026.", "pl");
        assertThat(article.tags()).noneMatch(tag -> tag.type() == TagType.TOPIC);
    }

    @Test
    void shouldTagTopLevelAndNarrowTopicsInPolishAndEnglish() {
        EnrichedArticle storm = enrich("Trzęsienie ziemi w Turcji",
                "Trzęsienie ziemi nawiedziło wschodnią Turcję. Ratownicy szukają ofiar, a po trzęsieniu ziemi trwa "
                        + "ewakuacja. Akcja ratunkowa potrwa kilka dni. Ratownicy z Polski dołączą do akcji "
                        + "ratunkowej, a ewakuacja mieszkańców objęła trzy miasta.", "pl");
        assertThat(labels(storm)).contains("disaster", "disaster, accident and emergency incident", "Turkey");
        EnrichedArticle match = TestArticles.enricher().enrich(TestArticles.article("Champions League night",
                "The striker scored twice as the league leaders won the football match. The coach praised the "
                        + "goalkeeper, and the stadium was full for the Champions League tie.", "en"));
        assertThat(labels(match)).contains("sport");
        EnrichedArticle inPassing = enrich("Sejm przyjął budżet",
                "Sejm przyjął budżet na przyszły rok. Posłowie wrócą do pracy po przerwie, w której część z nich "
                        + "pojechała na mecz piłkarski.", "pl");
        assertThat(labels(inPassing)).as("a broad subject named once in passing").doesNotContain("sport");
    }

    private static EnrichedArticle enrich(String title, String text, String language) {
        return TestArticles.enricher().enrich(TestArticles.article(title, text, language));
    }
}
