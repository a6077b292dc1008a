package dev.logline.cli.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchmarksJarTest {

    @TempDir
    Path root;

    private Path touch(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, new byte[]{1});
    }

    @Test
    void theJarIsFoundBesideTheRunningCommandsModuleAndRunsInLoglineBench() throws IOException {
        Path cliJar = touch(root.resolve("logline-cli/target/logline.jar"));
        Path benchJar = touch(root.resolve("logline-bench/target/benchmarks.jar"));

        BenchmarksJar found = BenchmarksJar.locate(null, List.of(cliJar, Path.of("/")));

        assertThat(found.jar()).isEqualTo(benchJar);
        assertThat(found.workingDir()).isEqualTo(root.resolve("logline-bench"));
    }

    @Test
    void theCurrentDirectoryIsTheFallback() throws IOException {
        Path elsewhere = Files.createDirectories(root.resolve("unpacked/lib"));
        Path checkout = root.resolve("checkout");
        Path benchJar = touch(checkout.resolve("logline-bench/target/benchmarks.jar"));
        Path deepInside = Files.createDirectories(checkout.resolve("docs/images"));

        BenchmarksJar found = BenchmarksJar.locate("", List.of(elsewhere.resolve("logline.jar"), deepInside));

        assertThat(found.jar()).isEqualTo(benchJar);
    }

    @Test
    void aMissingJarSaysWhereItLookedAndHowToBuildIt() throws IOException {
        Path cliJar = touch(root.resolve("logline-cli/target/logline.jar"));
        Path cwd = Files.createDirectories(root.resolve("somewhere"));

        assertThatThrownBy(() -> BenchmarksJar.locate(null, List.of(cliJar, cwd)))
                .isInstanceOf(MissingBenchmarksJarException.class)
                .hasMessageContaining("no logline-bench/target/benchmarks.jar in or above " + cliJar + " or " + cwd)
                .hasMessageContaining("Run `./logline bench …` from the source checkout")
                .hasMessageContaining("mvn -B -DskipTests -pl logline-bench -am package")
                .hasMessageContaining("LOGLINE_BENCH_JAR");
    }

    @Test
    void anExplicitJarWinsAndRunsInItsOwnFolder() throws IOException {
        touch(root.resolve("logline-bench/target/benchmarks.jar"));
        Path mine = touch(root.resolve("tools/my-benchmarks.jar"));

        BenchmarksJar found = BenchmarksJar.locate(mine.toString(), List.of(root));

        assertThat(found.jar()).isEqualTo(mine);
        assertThat(found.workingDir()).isEqualTo(root.resolve("tools"));
    }

    @Test
    void anExplicitJarThatIsNotThereIsNamed() {
        Path missing = root.resolve("nope/benchmarks.jar");
        assertThatThrownBy(() -> BenchmarksJar.locate(missing.toString(), List.of(root)))
                .isInstanceOf(MissingBenchmarksJarException.class)
                .hasMessageContaining("LOGLINE_BENCH_JAR (or -Dlogline.bench.jar) names " + missing + ", which is no file");
    }
}
