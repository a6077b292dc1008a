package dev.logline.core;

import java.util.Locale;

/** The severity of an event, in the six steps every peer agrees on. */
public enum Level {
    TRACE, DEBUG, INFO, WARN, ERROR, FATAL;

    /**
     * Reads a level the way peers spell it: any case, {@code warning}, {@code err}, {@code critical},
     * Serilog's {@code Information}/{@code Verbose}, one-letter forms, and pino/bunyan numbers (10..60).
     *
     * @return the level, or {@code null} when the text names none (callers keep the original as an attribute)
     */
    public static Level parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim();
        if (s.isEmpty()) {
            return null;
        }
        if (Character.isDigit(s.charAt(0))) {
            try {
                return fromNumber(Long.parseLong(s));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        switch (s.toUpperCase(Locale.ROOT)) {
            case "T": case "TRACE": case "VERBOSE": case "VRB": case "FINEST": case "FINER":
                return TRACE;
            case "D": case "DEBUG": case "DBG": case "FINE": case "CONFIG":
                return DEBUG;
            case "I": case "INFO": case "INF": case "INFORMATION": case "INFORMATIONAL": case "NOTICE": case "LOG":
                return INFO;
            case "W": case "WARN": case "WRN": case "WARNING":
                return WARN;
            case "E": case "ERROR": case "ERR": case "EROR": case "SEVERE":
                return ERROR;
            case "F": case "FATAL": case "FTL": case "CRITICAL": case "CRIT": case "ALERT": case "EMERG": case "EMERGENCY": case "PANIC":
                return FATAL;
            default:
                return null;
        }
    }

    /**
     * Maps a numeric level: pino/bunyan's 10/20/30/40/50/60 exactly, otherwise an OpenTelemetry
     * severity number (1..24).
     *
     * @return the level, or {@code null} for a number neither scheme defines
     */
    public static Level fromNumber(long n) {
        if (n >= 10 && n <= 60 && n % 10 == 0) {
            return values()[(int) (n / 10) - 1];
        }
        if (n >= 1 && n <= 24) {
            return fromOtlpSeverity((int) n);
        }
        return null;
    }

    /** OpenTelemetry severity numbers: 1-4 TRACE, 5-8 DEBUG, 9-12 INFO, 13-16 WARN, 17-20 ERROR, 21-24 FATAL. */
    public static Level fromOtlpSeverity(int severityNumber) {
        if (severityNumber <= 0) {
            return null;
        }
        return values()[Math.min(5, (severityNumber - 1) / 4)];
    }

    /** Syslog severities (RFC 5424): 0-2 FATAL, 3 ERROR, 4 WARN, 5-6 INFO, 7 DEBUG. */
    public static Level fromSyslogSeverity(int severity) {
        switch (severity) {
            case 0: case 1: case 2: return FATAL;
            case 3: return ERROR;
            case 4: return WARN;
            case 5: case 6: return INFO;
            default: return DEBUG;
        }
    }
}
