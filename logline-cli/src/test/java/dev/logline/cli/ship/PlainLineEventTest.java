package dev.logline.cli.ship;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlainLineEventTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final PlainLineEvent plain = new PlainLineEvent("/var/log/app.log", "shop");

    private JsonNode event(String line) throws Exception {
        return JSON.readTree(plain.toJson(line));
    }

    @Test
    void logbackLineGivesTimeLevelAndTheWholeLineAsMessage() throws Exception {
        JsonNode e = event("2026-11-22 10:00:00,123 [http-7] WARN  shop.Orders - slow payment");
        assertThat(e.get("ts").asText()).isEqualTo("2026-11-22T10:00:00.123000Z");
        assertThat(e.get("level").asText()).isEqualTo("WARN");
        assertThat(e.get("msg").asText()).isEqualTo("2026-11-22 10:00:00,123 [http-7] WARN  shop.Orders - slow payment");
        assertThat(e.get("file").asText()).isEqualTo("/var/log/app.log");
        assertThat(e.get("service").asText()).isEqualTo("shop");
    }

    @Test
    void isoTimeWithOffsetInBracketsIsConvertedToUtc() throws Exception {
        JsonNode e = event("[2026-11-22T12:00:00.5+02:00] [ERROR] boom");
        assertThat(e.get("ts").asText()).isEqualTo("2026-11-22T10:00:00.500000Z");
        assertThat(e.get("level").asText()).isEqualTo("ERROR");
    }

    @Test
    void keyValueLevelInAnyCase() throws Exception {
        assertThat(event("time=now level=warning msg=\"disk low\"").get("level").asText()).isEqualTo("WARN");
    }

    @Test
    void aLineWithoutTimeOrLevelWordKeepsOnlyMessageFileAndService() throws Exception {
        JsonNode e = event("an error happened while reading");
        assertThat(e.has("ts")).isFalse();
        assertThat(e.has("level")).as("lower-case prose is no level").isFalse();
        assertThat(e.get("msg").asText()).isEqualTo("an error happened while reading");
    }

    @Test
    void noServiceFieldWhenNoneIsGiven() throws Exception {
        JsonNode e = JSON.readTree(new PlainLineEvent("a.log", null).toJson("INFO started"));
        assertThat(e.has("service")).isFalse();
        assertThat(e.get("level").asText()).isEqualTo("INFO");
    }

    @Test
    void anImpossibleDateIsLeftInTheMessage() throws Exception {
        JsonNode e = event("2026-13-45 10:00:00 INFO odd clock");
        assertThat(e.has("ts")).isFalse();
        assertThat(e.get("level").asText()).isEqualTo("INFO");
    }
}
