package dev.logline.core;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FieldAliasesTest {

    private static final long TS = 1_795_341_600_123_456L;

    /** A JSON value each reserved field accepts, and what the field reads back as. */
    private static String jsonValue(ReservedField f, String alias) {
        switch (f) {
            case TS: return alias.endsWith("UnixNano") ? "1795341600123456000" : "\"2026-11-22T10:00:00.123456Z\"";
            case LEVEL: return "\"warning\"";
            default: return "\"v-" + alias + "\"";
        }
    }

    private static void assertIngested(LogEvent e, ReservedField f, String alias) {
        Object actual = EventFields.get(e, f.fieldName());
        switch (f) {
            case TS: assertThat(actual).as(alias).isEqualTo(TS); break;
            case LEVEL: assertThat(actual).as(alias).isEqualTo("WARN"); break;
            default: assertThat(actual).as(alias).isEqualTo("v-" + alias);
        }
        if (alias.equals("asctime")) {
            // Python's asctime has no zone: the text is kept beside the time read from it as UTC
            assertThat(e.attributes()).as(alias).containsOnlyKeys("asctime");
        } else {
            assertThat(e.attributes()).as(alias + " leaves no attribute behind").isEmpty();
        }
    }

    @Test
    void ingestsEveryAliasAsAFlatKey() {
        for (Map.Entry<String, ReservedField> a : FieldAliases.all().entrySet()) {
            String json = "{\"" + a.getKey() + "\":" + jsonValue(a.getValue(), a.getKey()) + "}";
            assertIngested(LogEventJson.parse(json, 0), a.getValue(), a.getKey());
        }
    }

    @Test
    void ingestsEveryDottedAliasAsANestedObject() {
        for (Map.Entry<String, ReservedField> a : FieldAliases.all().entrySet()) {
            String alias = a.getKey();
            int dot = alias.indexOf('.');
            if (dot < 0 || alias.startsWith("@")) {
                continue;
            }
            String json = "{\"" + alias.substring(0, dot) + "\":{\"" + alias.substring(dot + 1) + "\":"
                    + jsonValue(a.getValue(), alias) + "}}";
            assertIngested(LogEventJson.parse(json, 0), a.getValue(), alias);
        }
    }

    @Test
    void letsTheReservedNameWinAndKeepsTheAliasAsAnAttribute() {
        for (Map.Entry<String, ReservedField> a : FieldAliases.all().entrySet()) {
            ReservedField f = a.getValue();
            String reserved = "\"" + f.fieldName() + "\":" + (f == ReservedField.TS ? "1795341600" : f == ReservedField.LEVEL ? "\"ERROR\"" : "\"own\"");
            String json = "{" + reserved + ",\"" + a.getKey() + "\":" + jsonValue(f, a.getKey()) + "}";
            LogEvent e = LogEventJson.parse(json, 0);
            assertThat(EventFields.get(e, a.getKey())).as(a.getKey()).isNotNull();
            Object own = EventFields.get(e, f.fieldName());
            assertThat(own).as(a.getKey()).isEqualTo(f == ReservedField.TS ? 1_795_341_600_000_000L
                    : f == ReservedField.LEVEL ? "ERROR" : "own");
        }
    }

    @Test
    void takesTheFirstOfTwoAliasesAndKeepsTheOther() {
        LogEvent e = LogEventJson.parse("{\"message\":\"first\",\"body\":\"second\"}", 0);
        assertThat(e.msg()).isEqualTo("first");
        assertThat(e.attributes()).containsEntry("body", "second");
    }

    @Test
    void readsMixedEcsObjects() {
        LogEvent e = LogEventJson.parse("{\"@timestamp\":\"2026-11-22T10:00:00.123456Z\",\"log\":{\"level\":\"error\","
                + "\"logger\":\"a.B\",\"origin\":{\"file\":\"B.java\"}},\"service\":{\"name\":\"pay\",\"node\":\"n1\"},"
                + "\"message\":\"m\"}", 0);
        assertThat(e.level()).isEqualTo(Level.ERROR);
        assertThat(e.logger()).isEqualTo("a.B");
        assertThat(e.service()).isEqualTo("pay");
        assertThat(e.attributes()).containsEntry("log", Map.of("origin", Map.of("file", "B.java")))
                .containsEntry("service.node", "n1");
    }
}
