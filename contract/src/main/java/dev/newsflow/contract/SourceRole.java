package dev.newsflow.contract;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How an article uses a source. */
public enum SourceRole {
    /** Quoted or reported from: "according to Reuters", "informuje agencja Bloomberga". */
    @JsonProperty("cited") CITED,
    /** Credited for a photo or other media: "Fot. PAP/EPA". */
    @JsonProperty("photo") PHOTO,
    /** The body a cited source belongs to: "38 North, part of the Stimson Center". */
    @JsonProperty("affiliation") AFFILIATION,
    /** The outlet that published the article. */
    @JsonProperty("publisher") PUBLISHER
}
