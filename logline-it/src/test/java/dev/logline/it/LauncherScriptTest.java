package dev.logline.it;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository's {@code ./logline} launcher as a newcomer meets it on first use: it builds the command (quietly,
 * without colour codes in the output) but no benchmarks just to print {@code logline bench --help}. Runs a copy of
 * the script in a scratch checkout whose {@code mvn} is a stand-in that records its arguments and puts the real
 * {@code logline.jar} in place. Skips where that jar has not been built (run {@code mvn package} first).
 */
class LauncherScriptTest {

    private static final Path ROOT = Paths.get("..").toAbsolutePath().normalize();

    @Test
    void benchHelpNeedsNoBenchmarksBuildAndTheFirstBuildPrintsNoColourCodes(@TempDir Path dir) throws Exception {
        Path jar = ROOT.resolve("logline-cli/target/logline.jar");
        Assumptions.assumeTrue(Files.isRegularFile(jar), "skipped: " + jar + " is not built (mvn package builds it)");
        Path checkout = Files.createDirectories(dir.resolve("checkout"));
        Files.copy(ROOT.resolve("logline"), checkout.resolve("logline"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path mvnLog = dir.resolve("mvn.log");
        Path fakeMvn = bin.resolve("mvn");
        Files.writeString(fakeMvn, """
                #!/bin/sh
                echo "$*" >> "$MVN_LOG"
                case "$*" in
                  *"-pl logline-cli "*) mkdir -p logline-cli/target && cp "$REAL_JAR" logline-cli/target/logline.jar ;;
                  *) echo "no benchmarks in this scratch checkout" >&2; exit 1 ;;
                esac
                """);
        Files.setPosixFilePermissions(fakeMvn, PosixFilePermissions.fromString("rwxr-xr-x"));

        ProcessBuilder pb = new ProcessBuilder("bash", checkout.resolve("logline").toString(), "bench", "--help")
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("PATH", bin + java.io.File.pathSeparator + env.getOrDefault("PATH", ""));
        env.put("MVN_LOG", mvnLog.toString());
        env.put("REAL_JAR", jar.toString());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("Usage: logline bench", "Exit codes:").doesNotContain("\u001b[");
        List<String> builds = Files.readAllLines(mvnLog);
        assertThat(builds).singleElement().asString().contains("-pl logline-cli ").contains("-Dstyle.color=never");
    }
}
