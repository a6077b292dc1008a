package dev.logline.store.opensearch;

/**
 * The OpenSearch fields of an indexed event (see {@code docs/STORAGE.md}, "OpenSearch"). Values of a path go to one
 * field per type: strings to {@code k.<path>} (keyword), numbers to {@code n.<path>} (double), booleans to
 * {@code b.<path>}; so an attribute that is a number in one event and a string in another never conflicts in the
 * mapping. The path is escaped ({@code .} as {@code %2E}, {@code %} as {@code %25}) so OpenSearch does not read it
 * as nested objects, which would conflict when {@code a} is a string in one event and {@code a.b} a path in another.
 */
final class FieldNames {

    /** Event time, epoch micros (long, the index sort). */
    static final String TS = "ts";
    /** The id's hash: keyword, the second sort key. */
    static final String ID = "id";
    /** The tenant the event was written for (a tenant's index pattern can match another tenant's indices). */
    static final String TENANT = "t";
    /** When the event was written, epoch millis, for live tail. */
    static final String INGESTED = "it";
    /** The event itself, stored, not indexed. */
    static final String EVENT = "e";
    /** The message's tokens (MessageTokens) separated by spaces, indexed with positions. */
    static final String TOKENS = "tok";
    /** Every path that has a value (for {@code field:*}). */
    static final String HAS = "has";
    /**
     * Paths whose values were not all indexed (too long, or beyond exact double range), {@link #TOKENS_PATH} when
     * some token was not, {@link #ALL_PATHS} when the event was kept with only its core fields: every filter on such
     * a path is checked on the event itself.
     */
    static final String UNCERTAIN = "x";
    static final String TOKENS_PATH = "#tok";
    static final String ALL_PATHS = "*";

    private FieldNames() {
    }

    static String keyword(String path) {
        return "k." + escape(path);
    }

    static String number(String path) {
        return "n." + escape(path);
    }

    static String bool(String path) {
        return "b." + escape(path);
    }

    static String escape(String path) {
        if (path.isEmpty()) {
            return "%";
        }
        if (path.indexOf('.') < 0 && path.indexOf('%') < 0) {
            return path;
        }
        StringBuilder out = new StringBuilder(path.length() + 8);
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '.') {
                out.append("%2E");
            } else if (c == '%') {
                out.append("%25");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
