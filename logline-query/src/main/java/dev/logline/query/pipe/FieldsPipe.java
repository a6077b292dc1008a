package dev.logline.query.pipe;

import java.util.List;

/** {@code | fields ts, service, msg}: keep only these fields. */
public record FieldsPipe(List<String> fields) implements Pipe {
    public FieldsPipe {
        fields = List.copyOf(fields);
    }
}
