package dev.logline.bench.load;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A classpath whose project code cannot change under a running JVM: our own {@code dev.logline} snapshot jars and
 * {@code target/classes} folders (which a parallel {@code mvn install} may replace at any moment) are copied into
 * the work folder first.
 */
final class StableClasspath {

    private StableClasspath() {
    }

    static String copyOf(String classpath, Path workDir) {
        Path lib = workDir.resolve("lib");
        List<String> entries = new ArrayList<>();
        try {
            Files.createDirectories(lib);
            for (String entry : classpath.split(File.pathSeparator)) {
                Path p = Path.of(entry);
                boolean ours = entry.contains(File.separator + "dev" + File.separator + "logline" + File.separator)
                        && entry.endsWith(".jar") && Files.isRegularFile(p);
                if (ours) {
                    Path copy = lib.resolve(p.getFileName());
                    Files.copy(p, copy, StandardCopyOption.REPLACE_EXISTING);
                    entries.add(copy.toString());
                } else if (Files.isDirectory(p) && p.endsWith(Path.of("target", "classes"))) {
                    Path copy = lib.resolve("classes-" + entries.size());
                    copyTree(p, copy);
                    entries.add(copy.toString());
                } else {
                    entries.add(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the classpath into " + lib, e);
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path src : paths.toList()) {
                Path dst = to.resolve(from.relativize(src).toString());
                if (Files.isDirectory(src)) {
                    Files.createDirectories(dst);
                } else {
                    Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
