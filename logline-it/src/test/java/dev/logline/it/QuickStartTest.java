package dev.logline.it;

import dev.logline.query.LqlParser;
import dev.logline.server.LoglineServer;
import dev.logline.server.ServerConfig;
import dev.logline.store.SearchRequest;
import dev.logline.store.StoredEvent;
import dev.logline.store.columnar.ColumnarLogStore;
import dev.logline.store.columnar.ColumnarStoreConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's quick start, followed by the letter: its install command (run in a copy of the checkout, into a
 * temporary local repository, never ~/.m2), its dependency, its logback.xml and its Java class make a small SLF4J application, built by Maven and run
 * against a real server, whose event is then found by search. Skips where Maven is not installed.
 */
class QuickStartTest {

    private static final Path ROOT = Paths.get("..").toAbsolutePath().normalize();
    private static final Duration BUILD_LIMIT = Duration.ofMinutes(4);

    @Test
    void theReadmesQuickStartSendsAFirstEvent(@TempDir Path dir) throws Exception {
        Path mvn = onPath("mvn");
        Assumptions.assumeTrue(mvn != null, "skipped: Maven (mvn) is not on the PATH");
        Blocks readme = Blocks.of(Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8));

        // 1. The install step, into a repository of its own: third-party artifacts are read from the user's.
        Path repo = Files.createDirectories(dir.resolve("repository"));
        seedFromUserRepository(repo);
        List<String> install = new ArrayList<>(List.of(readme.install().split("\\s+")));
        assertThat(install).startsWith("mvn").contains("install");
        install.set(0, mvn.toString());
        install.addAll(List.of("-Dstyle.color=never", "-Dmaven.repo.local=" + repo));
        runMaven(install, checkoutCopy(dir.resolve("checkout"), "logline-logback"), dir.resolve("install.log"));
        assertThat(repo.resolve("dev/logline/logline-logback/0.1.0-SNAPSHOT")).isDirectory();

        // 2. A fresh application: the README's dependency, logback.xml and class, nothing else of Logline's. The
        // plugins are pinned to the versions this build uses, so the offline build finds them.
        String rootPom = Files.readString(ROOT.resolve("pom.xml"), StandardCharsets.UTF_8);
        Path app = Files.createDirectories(dir.resolve("hello"));
        Files.writeString(app.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId>
                  <artifactId>hello</artifactId>
                  <version>1</version>
                  <properties>
                    <maven.compiler.source>17</maven.compiler.source>
                    <maven.compiler.target>17</maven.compiler.target>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencies>
                """ + readme.dependency() + """
                  </dependencies>
                  <build>
                    <plugins>
                      <plugin>
                        <artifactId>maven-compiler-plugin</artifactId>
                        <version>""" + property(rootPom, "compiler-plugin.version") + """
                </version>
                      </plugin>
                      <plugin>
                        <artifactId>maven-resources-plugin</artifactId>
                        <version>""" + pluginVersion(rootPom, "maven-resources-plugin") + """
                </version>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """);
        try (ColumnarLogStore store = ColumnarLogStore.open(ColumnarStoreConfig.defaults(dir.resolve("data"))
                .toBuilder().flushInterval(Duration.ofMillis(100)).build());
             LoglineServer server = LoglineServer.builder().config(ServerConfig.defaults().withPort(0)).store(store)
                     .build().start()) {
            // The only change to the README's text: the test server's port instead of 4680.
            Path resources = Files.createDirectories(app.resolve("src/main/resources"));
            Files.writeString(resources.resolve("logback.xml"),
                    readme.logbackXml().replace("127.0.0.1:4680", "127.0.0.1:" + server.port()));
            Path sources = Files.createDirectories(app.resolve("src/main/java"));
            Files.writeString(sources.resolve("Hello.java"), readme.javaClass());

            runMaven(List.of(mvn.toString(), "-B", "-q", "-Dstyle.color=never", "-Dmaven.repo.local=" + repo,
                    "compile", "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath",
                    "-Dmdep.outputFile=classpath.txt"), app, dir.resolve("build.log"));
            String classpath = app.resolve("target/classes") + java.io.File.pathSeparator
                    + Files.readString(app.resolve("classpath.txt")).strip();
            String java = ProcessHandle.current().info().command().orElse("java");
            run(List.of(java, "-cp", classpath, "Hello"), app, dir.resolve("run.log"));

            // 3. The event is there: the appender delivered it as the application exited.
            List<StoredEvent> found = search(store, "service:hello \"hello from my service\"");
            assertThat(found).as(Files.readString(dir.resolve("run.log"))).hasSize(1);
            assertThat(found.get(0).event().attributes()).containsEntry("order_id", "ORD1");
        }
    }

    private static String property(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        assertThat(m.find()).as(name + " in the root pom").isTrue();
        return m.group(1).strip();
    }

    private static String pluginVersion(String pom, String artifactId) {
        Matcher m = Pattern.compile("<artifactId>" + Pattern.quote(artifactId) + "</artifactId>\\s*<version>([^<]+)</")
                .matcher(pom);
        assertThat(m.find()).as(artifactId + " in the root pom").isTrue();
        return m.group(1).strip();
    }

    /** The fenced blocks of the README's quick start section, in the order a reader meets them. */
    record Blocks(String install, String dependency, String logbackXml, String javaClass) {

        static Blocks of(String readme) {
            int start = readme.indexOf("## Quick start: your own service");
            assertThat(start).as("README has a quick start section").isNotNegative();
            int end = readme.indexOf("\n## ", start + 5);
            String section = readme.substring(start, end < 0 ? readme.length() : end);
            Matcher m = Pattern.compile("```(\\w+)\\n(.*?)```", Pattern.DOTALL).matcher(section);
            List<String[]> fences = new ArrayList<>();
            while (m.find()) {
                fences.add(new String[]{m.group(1), m.group(2)});
            }
            List<String> xml = fences.stream().filter(f -> f[0].equals("xml")).map(f -> f[1]).toList();
            String shell = fences.stream().filter(f -> f[0].equals("shell")).map(f -> f[1].strip()).findFirst().orElseThrow();
            String javaClass = fences.stream().filter(f -> f[0].equals("java")).map(f -> f[1]).findFirst().orElseThrow();
            assertThat(fences).anyMatch(f -> f[0].equals("kotlin") && f[1].contains("dev.logline:logline-logback:0.1.0-SNAPSHOT"));
            return new Blocks(shell, xml.get(0), xml.get(1), javaClass);
        }
    }

    /**
     * A copy of the checkout to run the install step in, so the nested build never rewrites the jars this build is
     * testing with: every module's pom.xml (Maven reads them all), and the main sources of {@code module} and the
     * Logline modules it depends on.
     */
    private static Path checkoutCopy(Path copy, String module) throws IOException {
        Files.createDirectories(copy);
        Files.copy(ROOT.resolve("pom.xml"), copy.resolve("pom.xml"));
        try (Stream<Path> dirs = Files.list(ROOT)) {
            for (Path d : dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml"))).toList()) {
                Files.copy(d.resolve("pom.xml"), Files.createDirectories(copy.resolve(d.getFileName().toString()))
                        .resolve("pom.xml"));
            }
        }
        List<String> todo = new ArrayList<>(List.of(module));
        List<String> copied = new ArrayList<>();
        while (!todo.isEmpty()) {
            String m = todo.remove(0);
            if (copied.contains(m) || !Files.isDirectory(ROOT.resolve(m).resolve("src/main"))) {
                continue; // seen, or the parent
            }
            copied.add(m);
            Path from = ROOT.resolve(m).resolve("src/main");
            try (Stream<Path> files = Files.walk(from)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Path to = copy.resolve(m).resolve("src/main").resolve(from.relativize(f).toString());
                    Files.createDirectories(to.getParent());
                    Files.copy(f, to);
                }
            }
            Matcher dep = Pattern.compile("<groupId>dev\\.logline</groupId>\\s*<artifactId>([^<]+)</artifactId>")
                    .matcher(Files.readString(ROOT.resolve(m).resolve("pom.xml")));
            while (dep.find()) {
                todo.add(dep.group(1));
            }
        }
        return copy;
    }

    /**
     * Points the temporary repository at the user's for everything but Logline's own artifacts, so the nested builds
     * find what the outer build downloaded and nothing of Logline's is written to ~/.m2.
     */
    private static void seedFromUserRepository(Path repo) throws IOException {
        Path user = Paths.get(System.getProperty("user.home"), ".m2", "repository");
        Assumptions.assumeTrue(Files.isDirectory(user), "skipped: no local Maven repository at " + user);
        try (Stream<Path> groups = Files.list(user)) {
            for (Path g : groups.toList()) {
                if (g.getFileName().toString().equals("dev")) {
                    Path dev = Files.createDirectories(repo.resolve("dev"));
                    try (Stream<Path> devGroups = Files.list(g)) {
                        for (Path d : devGroups.toList()) {
                            if (!d.getFileName().toString().equals("logline")) {
                                Files.createSymbolicLink(dev.resolve(d.getFileName().toString()), d);
                            }
                        }
                    }
                } else {
                    Files.createSymbolicLink(repo.resolve(g.getFileName().toString()), g);
                }
            }
        }
    }

    /**
     * Runs Maven offline (what the user's repository holds is enough on a machine that built Logline); when a plugin
     * or library is missing there, once more online, as a user's Maven would.
     */
    private static void runMaven(List<String> command, Path dir, Path log) throws Exception {
        List<String> offline = new ArrayList<>(command);
        offline.add(1, "-o");
        if (exitCode(offline, dir, log) == 0) {
            return;
        }
        String why = Files.readString(log);
        assertThat(why).as(String.join(" ", offline) + " failed, and not for want of a download:\n" + why)
                .contains("offline");
        run(command, dir, log);
    }

    private static int exitCode(List<String> command, Path dir, Path log) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(BUILD_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + BUILD_LIMIT);
        }
        return p.exitValue();
    }

    private static void run(List<String> command, Path dir, Path log) throws Exception {
        assertThat(exitCode(command, dir, log)).as(String.join(" ", command) + "\n" + Files.readString(log)).isZero();
    }

    private static Path onPath(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Paths.get(d, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static List<StoredEvent> search(ColumnarLogStore store, String lql) throws InterruptedException {
        List<StoredEvent> found = List.of();
        for (int i = 0; i < 100 && found.isEmpty(); i++) {
            found = store.search(new SearchRequest("default", LqlParser.parse(lql), 0, Long.MAX_VALUE, 10, null,
                    Duration.ofSeconds(10))).events();
            if (found.isEmpty()) {
                Thread.sleep(100);
            }
        }
        return found;
    }
}
