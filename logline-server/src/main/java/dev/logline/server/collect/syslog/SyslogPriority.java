package dev.logline.server.collect.syslog;

import dev.logline.core.Level;

/**
 * A syslog PRI value split into facility and severity (PRI = facility × 8 + severity).
 *
 * @param facility 0..23
 * @param severity 0 (emergency) .. 7 (debug)
 */
public record SyslogPriority(int facility, int severity) {

    /** What a relay assumes for a message without PRI (RFC 3164 §4.3.3): user.notice. */
    public static final SyslogPriority DEFAULT = new SyslogPriority(1, 5);

    private static final String[] FACILITY_NAMES = {
        "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp",
        "ntp", "security", "console", "solaris-cron", "local0", "local1", "local2", "local3", "local4", "local5",
        "local6", "local7"
    };

    /** The RFC 5424 keyword of the facility ({@code auth}, {@code local0}…). */
    public String facilityName() {
        return FACILITY_NAMES[facility];
    }

    /** The Logline level of the severity. */
    public Level level() {
        return Level.fromSyslogSeverity(severity);
    }

    /**
     * Reads a PRI at the start of a line: {@code <} one to three digits {@code >}, value 0..191.
     *
     * @return the priority and the index after {@code >}, or {@code null} when the line has no valid PRI
     */
    public static Parsed parse(String line) {
        if (line.isEmpty() || line.charAt(0) != '<') {
            return null;
        }
        int value = 0;
        int i = 1;
        while (i < line.length() && i <= 4 && Character.isDigit(line.charAt(i))) {
            value = value * 10 + (line.charAt(i) - '0');
            i++;
        }
        if (i == 1 || i > 4 || i >= line.length() || line.charAt(i) != '>' || value > 191) {
            return null;
        }
        return new Parsed(new SyslogPriority(value / 8, value % 8), i + 1);
    }

    /**
     * A PRI read from a line.
     *
     * @param priority the priority
     * @param end      the index just after the closing {@code >}
     */
    public record Parsed(SyslogPriority priority, int end) {
    }
}
