package dev.logline.server.collect.syslog;

import dev.logline.core.Level;
import dev.logline.core.LogEvent;
import dev.logline.core.Timestamps;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class SyslogParserTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private final SyslogParser parser = new SyslogParser(Clock.fixed(NOW, ZoneOffset.UTC), ZoneId.of("UTC"));

    private static long micros(String ts) {
        return Timestamps.parseMicros(ts);
    }

    // --- RFC 5424 §6.5, examples 1 to 4 ---

    @Test
    void rfc5424ExampleOneWithBomAndNilStructuredData() {
        LogEvent e = parser.parse("<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - \uFEFF'su root' failed for lucas on /dev/pts/8");

        assertThat(e.level()).isEqualTo(Level.FATAL); // severity 2 (critical)
        assertThat(e.attributes()).containsEntry("facility", "auth").containsEntry("msgid", "ID47").doesNotContainKey("procid");
        assertThat(e.tsMicros()).isEqualTo(micros("2003-10-11T22:14:15.003Z"));
        assertThat(e.host()).isEqualTo("mymachine.example.com");
        assertThat(e.service()).isEqualTo("su");
        assertThat(e.msg()).isEqualTo("'su root' failed for lucas on /dev/pts/8");
    }

    @Test
    void rfc5424ExampleTwoWithOffsetAndMicroseconds() {
        LogEvent e = parser.parse("<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It's time to make the do-nuts.");

        assertThat(e.level()).isEqualTo(Level.INFO); // local4.notice
        assertThat(e.attributes()).containsEntry("facility", "local4").containsEntry("procid", "8710");
        assertThat(e.tsMicros()).isEqualTo(micros("2003-08-24T12:14:15.000003Z"));
        assertThat(e.host()).isEqualTo("192.0.2.1");
        assertThat(e.service()).isEqualTo("myproc");
        assertThat(e.msg()).isEqualTo("%% It's time to make the do-nuts.");
    }

    @Test
    void rfc5424ExamplesThreeAndFourWithStructuredData() {
        LogEvent three = parser.parse("<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 "
                + "[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"] \uFEFFAn application event log entry...");
        assertThat(three.attributes())
                .containsEntry("sd.exampleSDID@32473.iut", "3")
                .containsEntry("sd.exampleSDID@32473.eventSource", "Application")
                .containsEntry("sd.exampleSDID@32473.eventID", "1011");
        assertThat(three.msg()).isEqualTo("An application event log entry...");

        LogEvent four = parser.parse("<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 "
                + "[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"][examplePriority@32473 class=\"high\"]");
        assertThat(four.attributes()).containsEntry("sd.examplePriority@32473.class", "high")
                .containsEntry("sd.exampleSDID@32473.iut", "3");
        assertThat(four.msg()).isNull();
        assertThat(four.attributes()).doesNotContainKey(SyslogParser.ERROR_ATTRIBUTE);
    }

    @Test
    void structuredDataValuesUnescape() {
        LogEvent e = parser.parse("<14>1 - - app - - [x@1 q=\"say \\\"hi\\\" [a\\] c:\\\\d e\\f\"] done");
        assertThat(e.attributes()).containsEntry("sd.x@1.q", "say \"hi\" [a] c:\\d e\\f");
        assertThat(e.msg()).isEqualTo("done");
        assertThat(e.tsMicros()).as("nil timestamp: time of receipt").isEqualTo(LogEvent.toMicros(NOW));
        assertThat(e.host()).isNull();
    }

    @Test
    void brokenRfc5424KeepsTheWholeLineAndSaysWhy() {
        LogEvent e = parser.parse("<11>1 yesterday host app - - - boom");
        assertThat(e.level()).isEqualTo(Level.ERROR);
        assertThat(e.msg()).isEqualTo("1 yesterday host app - - - boom");
        assertThat(e.attributes().get(SyslogParser.ERROR_ATTRIBUTE).toString()).contains("TIMESTAMP 'yesterday'");

        LogEvent unterminated = parser.parse("<11>1 - h a - - [id k=\"v");
        assertThat(unterminated.attributes().get(SyslogParser.ERROR_ATTRIBUTE).toString()).contains("unterminated");
    }

    // --- RFC 3164 §5.4 examples and real-world variants ---

    @Test
    void rfc3164ExampleWithTag() {
        LogEvent e = parser.parse("<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lucas on /dev/pts/8");

        assertThat(e.level()).isEqualTo(Level.FATAL);
        assertThat(e.attributes()).containsEntry("facility", "auth");
        assertThat(e.tsMicros()).isEqualTo(micros("2026-10-11T22:14:15Z"));
        assertThat(e.host()).isEqualTo("mymachine");
        assertThat(e.service()).isEqualTo("su");
        assertThat(e.msg()).isEqualTo("'su root' failed for lucas on /dev/pts/8");
    }

    @Test
    void rfc3164ExampleWithoutTagAndWithAPaddedDay() {
        LogEvent e = parser.parse("<13>Feb  5 17:32:18 10.0.0.99 Use the BFG!");

        assertThat(e.level()).isEqualTo(Level.INFO);
        assertThat(e.attributes()).containsEntry("facility", "user");
        assertThat(e.tsMicros()).isEqualTo(micros("2026-02-05T17:32:18Z"));
        assertThat(e.host()).isEqualTo("10.0.0.99");
        assertThat(e.service()).isNull();
        assertThat(e.msg()).isEqualTo("Use the BFG!");
    }

    @Test
    void rfc3164TimesInTheFutureBelongToLastYear() {
        LogEvent december = parser.parse("<13>Dec 31 23:59:59 host cron[42]: late job");
        assertThat(december.tsMicros()).isEqualTo(micros("2025-12-31T23:59:59Z"));
        assertThat(december.service()).isEqualTo("cron");
        assertThat(december.attributes()).containsEntry("procid", "42");

        LogEvent tomorrowish = parser.parse("<13>Nov 22 23:00:00 host app: clock skew within a day");
        assertThat(tomorrowish.tsMicros()).isEqualTo(micros("2026-11-22T23:00:00Z"));
    }

    @Test
    void rfc3164TimesAreReadInTheConfiguredZone() {
        SyslogParser paris = new SyslogParser(Clock.fixed(NOW, ZoneOffset.UTC), ZoneId.of("Europe/Paris"));
        assertThat(paris.parse("<13>Jul  1 12:00:00 h a: x").tsMicros()).isEqualTo(micros("2026-07-01T10:00:00Z"));
    }

    @Test
    void rfc3164VariantsRealSendersUse() {
        LogEvent noHost = parser.parse("<86>Nov 21 08:00:01 sudo[777]: paul : TTY=pts/0 ; COMMAND=/bin/ls");
        assertThat(noHost.host()).isNull();
        assertThat(noHost.service()).isEqualTo("sudo");
        assertThat(noHost.attributes()).containsEntry("facility", "authpriv").containsEntry("procid", "777");

        LogEvent iso = parser.parse("<30>2026-11-22T09:59:58.250+01:00 node-1 dockerd[1]: started");
        assertThat(iso.tsMicros()).isEqualTo(micros("2026-11-22T08:59:58.250Z"));
        assertThat(iso.host()).isEqualTo("node-1");
        assertThat(iso.service()).isEqualTo("dockerd");
        assertThat(iso.msg()).isEqualTo("started");

        LogEvent withYearAndMillis = parser.parse("<187>Nov 20 2025 10:11:12.345 fw01 %ASA-3-710003: denied");
        assertThat(withYearAndMillis.tsMicros()).isEqualTo(micros("2025-11-20T10:11:12.345Z"));
        assertThat(withYearAndMillis.level()).isEqualTo(Level.ERROR);
        assertThat(withYearAndMillis.service()).isEqualTo("%ASA-3-710003");

        LogEvent noPri = parser.parse("just words");
        assertThat(noPri.msg()).isEqualTo("just words");
        assertThat(noPri.attributes()).containsEntry("facility", "user");
        assertThat(noPri.tsMicros()).isEqualTo(LogEvent.toMicros(NOW));
    }
}
