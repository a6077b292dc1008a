package dev.logline.server.documents;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import dev.logline.server.http.JsonResponse;

/**
 * A document body that is not what its kind expects — a dashboard, a saved search, an alert rule, a silence, the
 * alerts file (400): the message says what and what to write instead, {@code field} where (such as
 * {@code panels[2].query} or {@code condition}), and {@code column} the LQL column when a query is at fault.
 */
public final class InvalidDocumentException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final Integer column;

    public InvalidDocumentException(String field, String message) {
        this(field, message, null);
    }

    public InvalidDocumentException(String field, String message, Integer column) {
        super(field + ": " + message);
        this.field = field;
        this.column = column;
    }

    /** Where in the body, e.g. {@code panels[2].query}. */
    public String field() {
        return field;
    }

    /** The 1-based LQL column when a query is at fault, else {@code null}. */
    public Integer column() {
        return column;
    }

    /** The API's answer: 400 with {@code error}, {@code field} and, when known, {@code column}. */
    public HttpResponse answer() {
        return JsonResponse.of(HttpStatus.BAD_REQUEST, g -> {
            g.writeStartObject();
            g.writeStringField("error", getMessage());
            g.writeStringField("field", field);
            if (column != null) {
                g.writeNumberField("column", column);
            }
            g.writeEndObject();
        });
    }
}
