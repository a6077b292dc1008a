package dev.logline.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where {@code logline-bench/target/benchmarks.jar} (the shaded JMH jar holding every benchmark and its libraries)
 * is, and the folder the benchmarks run in: {@code logline-bench/}, where their relative defaults
 * ({@code opensearch-node.pom.xml}, {@code target/…}) resolve.
 *
 * @param jar        the benchmarks jar
 * @param workingDir the folder the benchmark runs in
 */
public record BenchmarksJar(Path jar, Path workingDir) {

    /** Environment variable naming the jar explicitly (for a jar outside a source checkout). */
    public static final String JAR_VARIABLE = "LOGLINE_BENCH_JAR";
    /** System property naming the jar; wins over {@link #JAR_VARIABLE}. */
    public static final String JAR_PROPERTY = "logline.bench.jar";
    static final Path RELATIVE = Path.of("logline-bench", "target", "benchmarks.jar");

    /**
     * Finds the jar: {@code explicit} when given, else {@code logline-bench/target/benchmarks.jar} in the nearest
     * folder above each of {@code startingPoints} (the running jar, then the current directory) that has one.
     *
     * @throws MissingBenchmarksJarException when there is none, saying where it looked and how to build it
     */
    public static BenchmarksJar locate(String explicit, List<Path> startingPoints) {
        if (explicit != null && !explicit.isBlank()) {
            Path jar = Path.of(explicit).toAbsolutePath().normalize();
            if (!Files.isRegularFile(jar)) {
                throw new MissingBenchmarksJarException(JAR_VARIABLE + " (or -D" + JAR_PROPERTY + ") names " + jar + ", which is no file; "
                        + "point it at a benchmarks.jar or unset it to look in the source checkout");
            }
            return of(jar);
        }
        Set<Path> searched = new LinkedHashSet<>();
        for (Path start : startingPoints) {
            if (start == null) {
                continue;
            }
            for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
                Path jar = dir.resolve(RELATIVE);
                if (Files.isRegularFile(jar)) {
                    return of(jar);
                }
            }
            searched.add(start.toAbsolutePath().normalize());
        }
        List<String> where = new ArrayList<>();
        for (Path p : searched) {
            where.add(p.toString());
        }
        throw new MissingBenchmarksJarException("no " + RELATIVE + " in or above " + String.join(" or ", where)
                + ". Run `./logline bench …` from the source checkout (it builds the jar on first use), or build it "
                + "with `mvn -B -DskipTests -pl logline-bench -am package`, or set " + JAR_VARIABLE
                + " to a benchmarks.jar");
    }

    /** The jar at {@code jar}; it runs in {@code logline-bench/} when it sits in {@code logline-bench/target/}. */
    static BenchmarksJar of(Path jar) {
        Path folder = jar.getParent();
        boolean inTarget = folder.getFileName() != null && folder.getFileName().toString().equals("target")
                && folder.getParent() != null;
        return new BenchmarksJar(jar, inTarget ? folder.getParent() : folder);
    }
}
