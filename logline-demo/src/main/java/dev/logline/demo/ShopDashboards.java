package dev.logline.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The dashboards the demo ships as files (the way teams keep boards in git): copied into a folder the server
 * provisions read-only boards from. Today one, {@code shop}: errors and p95 latency by service, purchases per
 * minute, the inference service's model versions and a live stream of errors.
 */
public final class ShopDashboards {

    /** Where the boards are on the class path. */
    public static final String RESOURCE_FOLDER = "dev/logline/demo/dashboards/";
    /** The boards' ids (their file names without {@code .json}). */
    public static final List<String> IDS = List.of("shop");

    private ShopDashboards() {
    }

    /** Copies every board into {@code folder} (created if absent), replacing older copies; returns the folder. */
    public static Path copyTo(Path folder) {
        try {
            Files.createDirectories(folder);
            for (String id : IDS) {
                try (InputStream in = ShopDashboards.class.getClassLoader().getResourceAsStream(RESOURCE_FOLDER + id + ".json")) {
                    if (in == null) {
                        throw new IllegalStateException("the demo's dashboard " + id + ".json is missing from the class path");
                    }
                    Files.copy(in, folder.resolve(id + ".json"), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo's dashboards to " + folder + ": " + e.getMessage(), e);
        }
    }
}
