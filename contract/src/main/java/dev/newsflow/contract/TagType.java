package dev.newsflow.contract;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a tag denotes. */
public enum TagType {
    @JsonProperty("place") PLACE,
    @JsonProperty("person") PERSON,
    @JsonProperty("organization") ORGANIZATION,
    @JsonProperty("topic") TOPIC
}
