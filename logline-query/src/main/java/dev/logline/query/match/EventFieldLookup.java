package dev.logline.query.match;

import dev.logline.core.EventFields;
import dev.logline.core.LogEvent;

/** The fields of one event as filters see them: {@link EventFields#get} plus the {@code _size} pseudo-field. */
public final class EventFieldLookup implements FieldLookup {

    /** The pseudo-field holding the byte length of the event's JSON form. */
    public static final String SIZE_FIELD = "_size";

    private final LogEvent event;
    private final int sizeBytes;

    public EventFieldLookup(LogEvent event, int sizeBytes) {
        this.event = event;
        this.sizeBytes = sizeBytes;
    }

    public LogEvent event() {
        return event;
    }

    @Override
    public Object get(String field) {
        if (SIZE_FIELD.equals(field)) {
            return (long) sizeBytes;
        }
        return EventFields.get(event, field);
    }
}
