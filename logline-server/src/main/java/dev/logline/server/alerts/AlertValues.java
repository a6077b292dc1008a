package dev.logline.server.alerts;

import java.time.Duration;

/** How alert values and durations are written for people and back: {@code 20} not {@code 20.0}, {@code 5m}. */
public final class AlertValues {

    private AlertValues() {
    }

    /** A number without a trailing {@code .0}, at most 6 significant decimals. */
    public static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(java.util.Locale.ROOT, "%.6g", v);
        if (s.contains("e") || s.contains("E")) {
            return s;
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    /** The shortest of {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d} that is exact. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] names = {"d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (ms % units[i] == 0) {
                return ms / units[i] + names[i];
            }
        }
        return ms + "ms";
    }
}
