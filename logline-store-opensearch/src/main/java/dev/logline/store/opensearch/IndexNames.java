package dev.logline.store.opensearch;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Index names: {@code <prefix>-<tenant>-<yyyy.MM.dd>}, one index per tenant per UTC day. Index names must be lower
 * case, so the tenant is escaped ({@code _} becomes {@code __}, an upper-case letter {@code _} and its lower case):
 * two tenants never share an index. Reads still filter on the tenant field, as one tenant's pattern can match
 * another's names ({@code a-*} matches tenant {@code a-b}).
 */
final class IndexNames {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd");
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private final String prefix;

    IndexNames(String prefix) {
        this.prefix = prefix;
    }

    String prefix() {
        return prefix;
    }

    /** The pattern of every index this store owns. */
    String all() {
        return prefix + "-*";
    }

    /** The pattern of one tenant's indices (which may also match other tenants': filter on the tenant too). */
    String tenantPattern(String tenant) {
        return prefix + "-" + escape(tenant) + "-*";
    }

    String index(String tenant, long tsMicros) {
        return prefix + "-" + escape(tenant) + "-" + DAY.format(day(tsMicros));
    }

    static LocalDate day(long tsMicros) {
        return LocalDate.ofEpochDay(Math.floorDiv(tsMicros, MICROS_PER_DAY));
    }

    static long startOfDayMicros(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
    }

    /** The day of one of this store's index names, or {@code null} for a name that is not one. */
    LocalDate dayOf(String index) {
        if (!index.startsWith(prefix + "-") || index.length() < prefix.length() + 12) {
            return null;
        }
        try {
            return LocalDate.parse(index.substring(index.length() - 10), DAY);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static void checkTenant(String tenant) {
        if (tenant == null || !TENANT.matcher(tenant).matches()) {
            throw new IllegalArgumentException("invalid tenant '" + tenant + "': use 1-64 letters, digits, '_', '.' "
                    + "or '-', not starting with '.' or '-'");
        }
    }

    static String escape(String tenant) {
        StringBuilder out = new StringBuilder(tenant.length() + 4);
        for (int i = 0; i < tenant.length(); i++) {
            char c = tenant.charAt(i);
            if (c == '_') {
                out.append("__");
            } else if (c >= 'A' && c <= 'Z') {
                out.append('_').append((char) (c + ('a' - 'A')));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
