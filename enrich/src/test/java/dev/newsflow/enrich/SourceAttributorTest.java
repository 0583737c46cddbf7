package dev.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.contract.EnrichedArticle;
import dev.newsflow.contract.Evidence;
import dev.newsflow.contract.SourceAttribution;
import dev.newsflow.contract.SourceKind;
import dev.newsflow.contract.SourceRole;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Attribution rules on sentences written for the purpose, Polish and English. */
class SourceAttributorTest {

    private static EnrichedArticle enrich(String title, String body) {
        return TestArticles.enricher().enrich(TestArticles.article(title, body));
    }

    private static Optional<SourceAttribution> source(EnrichedArticle article, String name, SourceRole role) {
        return article.sources().stream().filter(s -> s.name().equals(name) && s.role() == role).findFirst();
    }

    private static List<String> evidence(SourceAttribution source) {
        return source.evidence().stream().map(Evidence::text).toList();
    }

    @Test
    void shouldAttributeBloombergInGenitive() {
        EnrichedArticle article = enrich("Handel rośnie",
                "Eksport do Chin wzrósł o połowę - informuje w poniedziałek agencja Bloomberga, powołując się na dane celne.");
        SourceAttribution bloomberg = source(article, "Bloomberg", SourceRole.CITED).orElseThrow();
        assertThat(bloomberg.id()).isEqualTo("Q14270");
        assertThat(bloomberg.kind()).isEqualTo(SourceKind.NEWS_AGENCY);
        assertThat(evidence(bloomberg)).containsExactly("informuje w poniedziałek agencja Bloomberga");
    }

    @Test
    void shouldAttributeSourceNamedBeforeTheVerb() {
        EnrichedArticle article = enrich("Nowe dane", "Reuters podał w środę, że rozmowy zostały przerwane.");
        assertThat(evidence(source(article, "Reuters", SourceRole.CITED).orElseThrow())).contains("Reuters podał");
    }

    @Test
    void shouldAttributeWedlugAndPolishAgenciesInflected() {
        EnrichedArticle article = enrich("Pożar w porcie",
                "Według PAP w pożarze nikt nie ucierpiał. Jak podaje Polsat News, akcja gaśnicza trwała całą noc.");
        assertThat(evidence(source(article, "PAP", SourceRole.CITED).orElseThrow())).contains("Według PAP");
        assertThat(evidence(source(article, "Polsat News", SourceRole.CITED).orElseThrow()))
                .contains("Jak podaje Polsat News");
    }

    @Test
    void shouldAttributeAccordingToReutersAndToldTheBbc() {
        EnrichedArticle article = enrich("Talks stall",
                "The talks collapsed on Tuesday, according to Reuters. \"We are disappointed,\" a spokesman told the BBC.");
        assertThat(evidence(source(article, "Reuters", SourceRole.CITED).orElseThrow()))
                .contains("according to Reuters");
        assertThat(evidence(source(article, "BBC", SourceRole.CITED).orElseThrow())).contains("told the BBC");
    }

    @Test
    void shouldTakeAWireDatelineAsThePublisher() {
        EnrichedArticle article = enrich("Storm hits coast",
                "MIAMI (AP) — A powerful storm made landfall on Sunday.\n\nOfficials said power was cut.");
        assertThat(source(article, "AP", SourceRole.CITED)).isEmpty();
        SourceAttribution ap = source(article, "AP", SourceRole.PUBLISHER).orElseThrow();
        assertThat(ap.id()).isEqualTo("Q40469");
        assertThat(evidence(ap)).contains("(AP) —");
    }

    @Test
    void shouldTakeATrailingAgencyBylineAsThePublisher() {
        EnrichedArticle article = enrich("Sejm przyjął ustawę",
                "Sejm przyjął w piątek ustawę o obronie cywilnej. Za głosowało 420 posłów. (PAP)");
        assertThat(source(article, "PAP", SourceRole.PUBLISHER)).isPresent();
        assertThat(source(article, "PAP", SourceRole.CITED)).isEmpty();
    }

    @Test
    void shouldAttributeEnglishSourceBeforeReportingVerb() {
        EnrichedArticle article = enrich("Deal agreed",
                "Politico reported on Monday that the deal was agreed. The Associated Press said the vote was close.");
        assertThat(source(article, "Politico", SourceRole.CITED)).isPresent();
        assertThat(evidence(source(article, "AP", SourceRole.CITED).orElseThrow()))
                .anyMatch(text -> text.contains("Associated Press said"));
    }

    @Test
    void shouldReportUnknownOrganisationWithLowerConfidenceAndNoId() {
        EnrichedArticle article = enrich("Floods",
                "According to the Regional Water Management Bureau, the river rose by two metres overnight.");
        SourceAttribution unknown = article.sources().stream()
                .filter(s -> s.name().contains("Water Management Bureau")).findFirst().orElseThrow();
        assertThat(unknown.id()).isNull();
        assertThat(unknown.role()).isEqualTo(SourceRole.CITED);
        assertThat(unknown.confidence()).isLessThan(0.7);
    }

    @Test
    void shouldNotReportPeopleOrPlacesAsSources() {
        EnrichedArticle article = enrich("Rozmowy",
                "Według Kowalskiego rozmowy potrwają tydzień. Warren said the plan would fail. Moskwa podała nowe dane.");
        assertThat(article.sources()).isEmpty();
    }

    @Test
    void shouldReadCreditLinesAsPhotoSources() {
        EnrichedArticle article = enrich("Szczyt w Brukseli",
                "Przywódcy spotkali się w Brukseli.\n\nFot. PAP/Radek Pietruszka\n\nPhoto: Reuters/John Smith\n\n"
                        + "Leaders arrive for the summit in Brussels, Belgium. EPA-EFE/OLIVIER HOSLET");
        assertThat(article.text()).isEqualTo("Przywódcy spotkali się w Brukseli.");
        assertThat(evidence(source(article, "PAP", SourceRole.PHOTO).orElseThrow())).contains("Fot. PAP");
        assertThat(evidence(source(article, "Reuters", SourceRole.PHOTO).orElseThrow())).contains("Photo: Reuters");
        assertThat(source(article, "EPA", SourceRole.PHOTO)).isPresent();
        assertThat(source(article, "Radek Pietruszka", SourceRole.PHOTO).orElseThrow().kind())
                .isEqualTo(SourceKind.PHOTOGRAPHER);
        assertThat(source(article, "Olivier Hoslet", SourceRole.PHOTO)).isPresent();
        assertThat(article.sources()).noneMatch(s -> s.role() == SourceRole.CITED);
    }

    @Test
    void shouldCreditAgencyInParenthesisedPhotoCredit() {
        EnrichedArticle article = TestArticles.enricher().enrich(TestArticles.article("Rally",
                "<p>Supporters gathered in the square.</p><figure><img src=x.jpg>"
                        + "<figcaption>Supporters cheer. (AP Photo/Evan Vucci)</figcaption></figure>"));
        assertThat(article.captions()).contains("(AP Photo/Evan Vucci)");
        assertThat(source(article, "AP", SourceRole.PHOTO)).isPresent();
        assertThat(source(article, "Evan Vucci", SourceRole.PHOTO)).isPresent();
    }

    @Test
    void shouldRecordAffiliationFromTextAndKnowledgeBase() {
        EnrichedArticle article = enrich("Satellite images",
                "New construction was spotted at the site, reported 38 North, a project of the Stimson Center.");
        SourceAttribution north = source(article, "38 North", SourceRole.CITED).orElseThrow();
        assertThat(north.affiliationId()).isEqualTo("newsflow:stimson-center");
        assertThat(evidence(source(article, "Stimson Center", SourceRole.AFFILIATION).orElseThrow()))
                .contains("a project of the Stimson Center");
    }

    @Test
    void shouldResolveDescriptorWithoutNameToLastCitedAgency() {
        EnrichedArticle article = enrich("Ceny ropy",
                "Ceny ropy spadły o 3 proc. - podała agencja Reuters. To najniższy poziom od roku - dodała agencja.");
        assertThat(evidence(source(article, "Reuters", SourceRole.CITED).orElseThrow()))
                .contains("podała agencja Reuters", "dodała agencja");
    }

    @Test
    void shouldMergeEvidenceIntoOneAttributionPerSourceAndRole() {
        EnrichedArticle article = enrich("Wybory",
                "Frekwencja wyniosła 60 proc. - podaje TVN24. Wyniki będą jutro - dodaje TVN24.");
        assertThat(article.sources()).filteredOn(s -> s.name().equals("TVN24")).hasSize(1)
                .first().satisfies(s -> assertThat(s.evidence()).hasSize(2));
    }

    @Test
    void shouldTakeAQuotedTitleAfterTheVerbAsAnOutletTheKnowledgeBaseDoesNotKnow() {
        EnrichedArticle article = enrich("Plan rządu",
                "Jak donosi „Courrier Picard”, rządowy plan może uwolnić ponad 42 miliony euro na bezpieczeństwo.");
        SourceAttribution outlet = source(article, "Courrier Picard", SourceRole.CITED).orElseThrow();
        assertThat(outlet.id()).isNull();
        assertThat(outlet.confidence()).isLessThan(0.9);
        assertThat(evidence(outlet)).containsExactly("Jak donosi „Courrier Picard”");
    }

    @Test
    void shouldNotCiteTheEmployerOfAPersonWhoSpeaks() {
        EnrichedArticle polish = enrich("Klimat",
                "— Zmierzamy we właściwym kierunku — powiedział dyrektor Programu Środowiskowego ONZ Erik Solheim.");
        assertThat(polish.sources()).isEmpty();
        EnrichedArticle english = enrich("Talks",
                "\"We are close,\" said a spokesman for the Pentagon, John Kirby, on Monday.");
        assertThat(english.sources()).isEmpty();
    }

    @Test
    void shouldStopAtThePersonNamedAfterTheCue() {
        EnrichedArticle article = enrich("Szpiedzy",
                "Według Parkera duża liczba agentów rosyjskiej Służby Bezpieczeństwa jest aktywna w Wielkiej Brytanii.");
        assertThat(article.sources()).isEmpty();
    }

    @Test
    void shouldCiteTheOutletAPersonReportsFor() {
        EnrichedArticle article = enrich("Plague",
                "The couple was quarantined, according to Sui-Lee Wee of the New York Times.");
        assertThat(source(article, "The New York Times", SourceRole.CITED).map(SourceAttribution::id))
                .isPresent();
    }

    @Test
    void shouldNotTakeWhatFollowsThatAsTheSource() {
        EnrichedArticle article = enrich("Concept car",
                "VW says that while the ID. SPACE VIZZION is only a concept, a production version may follow.");
        assertThat(article.sources()).noneMatch(source -> source.name().equals("ID"));
    }

    @Test
    void shouldCiteBothSourcesJoinedByAnd() {
        EnrichedArticle english = enrich("Settlements",
                "The United Nations and European Union stressed the decision would not change the reality.");
        assertThat(english.sources()).extracting(SourceAttribution::name)
                .contains("United Nations", "European Union");
        EnrichedArticle polish = enrich("Osiedla", "NATO i ONZ ostrzegły, że decyzja niczego nie zmieni.");
        assertThat(polish.sources()).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void shouldCiteASourceThatEndsTheText() {
        // found by EnrichmentFuzzTest: the affiliation check after a source looked one token past the end
        EnrichedArticle article = enrich("", "Według PAP");
        assertThat(source(article, "PAP", SourceRole.CITED)).isPresent();
    }
}
