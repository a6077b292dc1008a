package dev.logline.cli.ship;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The files named on the command line: plain paths and glob patterns ({@code *}, {@code ?}, {@code [..]},
 * {@code {a,b}}, {@code **} across directories), expanded again on every scan so new files are picked up.
 * Compressed files (already rotated archives) are never matched.
 */
public final class FilePatterns {

    private static final Set<String> COMPRESSED = Set.of(".gz", ".zip", ".bz2", ".xz", ".zst", ".lz4");

    private final List<Pattern> patterns = new ArrayList<>();

    private record Pattern(Path base, PathMatcher matcher, int maxDepth, Path literal) {
    }

    /** @param specs paths or globs, relative ones against the working directory */
    public FilePatterns(List<String> specs) {
        Path cwd = Path.of("").toAbsolutePath();
        for (String spec : specs) {
            patterns.add(compile(cwd, spec));
        }
    }

    private static Pattern compile(Path cwd, String spec) {
        Path full = cwd.resolve(spec).normalize();
        if (!hasGlob(spec)) {
            return new Pattern(null, null, 0, full);
        }
        // The longest leading run of directories without glob characters is where the walk starts.
        Path base = full.getRoot();
        int i = 0;
        for (; i < full.getNameCount() && !hasGlob(full.getName(i).toString()); i++) {
            base = base.resolve(full.getName(i).toString());
        }
        String rest = full.subpath(i, full.getNameCount()).toString();
        int depth = rest.contains("**") ? Integer.MAX_VALUE : full.getNameCount() - i;
        String glob = "glob:" + full.toString().replace("\\", "\\\\");
        return new Pattern(base, FileSystems.getDefault().getPathMatcher(glob), depth, null);
    }

    private static boolean hasGlob(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0 || s.indexOf('{') >= 0;
    }

    /** The regular files the patterns match now, as absolute paths in name order. */
    public List<Path> scan() {
        TreeSet<Path> found = new TreeSet<>();
        for (Pattern p : patterns) {
            if (p.literal() != null) {
                if (Files.isRegularFile(p.literal())) {
                    found.add(p.literal());
                }
                continue;
            }
            if (!Files.isDirectory(p.base())) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(p.base(), p.maxDepth())) {
                walk.filter(f -> p.matcher().matches(f) && Files.isRegularFile(f) && !isCompressed(f))
                        .forEach(found::add);
            } catch (IOException | UncheckedIOException e) {
                // A directory vanished mid-walk (rotation, cleanup): the next scan sees the new state.
            }
        }
        return new ArrayList<>(found);
    }

    private static boolean isCompressed(Path f) {
        String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot >= 0 && COMPRESSED.contains(name.substring(dot));
    }
}
