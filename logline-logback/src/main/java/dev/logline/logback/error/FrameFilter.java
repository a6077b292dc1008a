package dev.logline.logback.error;

import java.util.ArrayList;
import java.util.List;

/** Which stack frames to leave out of stacks and hashes, by class-name prefix (framework plumbing). */
public final class FrameFilter {

    /** Keeps every frame. */
    public static final FrameFilter NONE = new FrameFilter(new String[0]);

    private final String[] prefixes;

    private FrameFilter(String[] prefixes) {
        this.prefixes = prefixes;
    }

    /** Parses a comma- or whitespace-separated list of package or class prefixes; blanks are ignored. */
    public static FrameFilter parse(String list) {
        if (list == null || list.isBlank()) {
            return NONE;
        }
        List<String> out = new ArrayList<>();
        for (String p : list.split("[,\\s]+")) {
            if (!p.isBlank()) {
                out.add(p.trim());
            }
        }
        return new FrameFilter(out.toArray(new String[0]));
    }

    /** Whether a frame of this class is left out. */
    public boolean excludes(String className) {
        for (String p : prefixes) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** The prefixes, for error messages and tests. */
    public List<String> prefixes() {
        return List.of(prefixes);
    }
}
