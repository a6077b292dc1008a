package dev.logline.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The classpath of the OpenSearch peer, kept apart from ours (OpenSearch 2.19 needs Netty 4.1, Armeria 4.2):
 * resolved by Maven from {@code opensearch-node.pom.xml} into a file the first time it is needed.
 */
final class OpenSearchClasspath {

    private OpenSearchClasspath() {
    }

    /** Reads {@code file}; when it is missing, runs Maven on {@code pom} to write it first. */
    static String resolve(Path file, Path pom) {
        if (!Files.isRegularFile(file)) {
            if (!Files.isRegularFile(pom)) {
                throw new IllegalStateException("no OpenSearch classpath at " + file.toAbsolutePath() + " and no "
                        + pom.toAbsolutePath() + " to resolve it from; run from the logline-bench folder or pass "
                        + "--opensearch-classpath");
            }
            runMaven(file, pom);
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void runMaven(Path file, Path pom) {
        System.out.println("resolving the OpenSearch classpath with Maven (once) ...");
        ProcessBuilder pb = new ProcessBuilder("mvn", "-q", "-B", "-f", pom.toAbsolutePath().toString(),
                "dependency:build-classpath", "-Dmdep.outputFile=" + file.toAbsolutePath())
                .inheritIO();
        try {
            Process p = pb.start();
            if (!p.waitFor(20, TimeUnit.MINUTES) || p.exitValue() != 0 || !Files.isRegularFile(file)) {
                throw new IllegalStateException("Maven could not resolve the OpenSearch classpath; run: mvn -B -f "
                        + pom + " dependency:build-classpath -Dmdep.outputFile=" + file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run mvn", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
