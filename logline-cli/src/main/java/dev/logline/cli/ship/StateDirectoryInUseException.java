package dev.logline.cli.ship;

import java.io.IOException;
import java.nio.file.Path;

/** Another shipper already works from this state directory; two would ship the same lines twice. */
public final class StateDirectoryInUseException extends IOException {

    public StateDirectoryInUseException(Path dir) {
        super("another logline ship is running with the state directory " + dir
                + "; stop it, or give this one its own --state-dir");
    }
}
