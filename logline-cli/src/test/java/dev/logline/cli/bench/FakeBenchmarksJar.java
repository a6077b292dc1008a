package dev.logline.cli.bench;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A stand-in for {@code logline-bench/target/benchmarks.jar} in a temporary checkout layout: every benchmark main
 * class, compiled here, prints what it was given (arguments, folder, progress mode), writes to both streams, and
 * exits with {@code --exit=N}, or with {@code --hang} starts a grandchild process and waits to be stopped.
 */
public final class FakeBenchmarksJar {

    private static final String PROGRAM = """
            package %s;

            public final class %s {
                public static void main(String[] args) throws Exception {
                    System.out.println("main=%s");
                    System.out.println("args=" + String.join("|", args));
                    System.out.println("cwd=" + System.getProperty("user.dir"));
                    System.out.println("progress=" + System.getProperty("logline.progress"));
                    System.out.print("drawn\\rredrawn\\n");
                    System.err.println("to stderr");
                    System.out.flush();
                    if (args.length > 0 && args[0].equals("--hang")) {
                        Process grandchild = new ProcessBuilder("sleep", "300").start();
                        System.out.println("grandchild=" + grandchild.pid());
                        System.out.flush();
                        Thread.sleep(300_000);
                    }
                    System.exit(args.length > 0 && args[0].startsWith("--exit=") ? Integer.parseInt(args[0].substring(7)) : 0);
                }
            }
            """;

    private FakeBenchmarksJar() {
    }

    /** Writes {@code root/logline-bench/target/benchmarks.jar} holding a fake of every {@link BenchKind}'s main class. */
    public static Path build(Path root) throws IOException {
        Path src = Files.createDirectories(root.resolve("fake-src"));
        Path classes = Files.createDirectories(root.resolve("fake-classes"));
        List<String> files = new ArrayList<>();
        for (BenchKind kind : BenchKind.values()) {
            String main = kind.mainClass();
            int dot = main.lastIndexOf('.');
            String pkg = main.substring(0, dot);
            String name = main.substring(dot + 1);
            Path file = src.resolve(name + ".java");
            Files.writeString(file, PROGRAM.formatted(pkg, name, name), StandardCharsets.UTF_8);
            files.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-d", classes.toString()));
        args.addAll(files);
        if (javac.run(null, null, null, args.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("the fake benchmarks did not compile");
        }
        Path jar = root.resolve("logline-bench").resolve("target").resolve("benchmarks.jar");
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> all = Files.walk(classes)) {
            for (Path c : all.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(c).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(c));
                out.closeEntry();
            }
        }
        return jar;
    }
}
