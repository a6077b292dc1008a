package dev.logline.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LevelTest {

    @Test
    void readsThePeersSpellings() {
        String[][] cases = {
            {"trace", "TRACE"}, {"Verbose", "TRACE"}, {"finest", "TRACE"},
            {"debug", "DEBUG"}, {"D", "DEBUG"}, {"fine", "DEBUG"},
            {"Information", "INFO"}, {"notice", "INFO"}, {" info ", "INFO"},
            {"warning", "WARN"}, {"WRN", "WARN"},
            {"err", "ERROR"}, {"SEVERE", "ERROR"},
            {"critical", "FATAL"}, {"emerg", "FATAL"}, {"panic", "FATAL"},
            {"30", "INFO"}, {"60", "FATAL"}, {"13", "WARN"}, {"17", "ERROR"}
        };
        for (String[] c : cases) {
            assertThat(Level.parse(c[0])).as(c[0]).isEqualTo(Level.valueOf(c[1]));
        }
    }

    @Test
    void answersNullForWhatNamesNoLevel() {
        for (String s : new String[] {null, "", "  ", "loud", "99", "0", "-1", "1e3"}) {
            assertThat(Level.parse(s)).as(String.valueOf(s)).isNull();
        }
    }

    @Test
    void mapsSeverityNumbers() {
        assertThat(Level.fromOtlpSeverity(1)).isEqualTo(Level.TRACE);
        assertThat(Level.fromOtlpSeverity(9)).isEqualTo(Level.INFO);
        assertThat(Level.fromOtlpSeverity(24)).isEqualTo(Level.FATAL);
        assertThat(Level.fromOtlpSeverity(0)).isNull();
        assertThat(Level.fromSyslogSeverity(0)).isEqualTo(Level.FATAL);
        assertThat(Level.fromSyslogSeverity(3)).isEqualTo(Level.ERROR);
        assertThat(Level.fromSyslogSeverity(4)).isEqualTo(Level.WARN);
        assertThat(Level.fromSyslogSeverity(6)).isEqualTo(Level.INFO);
        assertThat(Level.fromSyslogSeverity(7)).isEqualTo(Level.DEBUG);
        assertThat(Level.fromNumber(20)).isEqualTo(Level.DEBUG);
        assertThat(Level.fromNumber(25)).isNull();
    }
}
