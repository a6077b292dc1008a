package dev.logline.ml.run;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where a run trained: JVM, OS, CPUs, memory, visible GPUs and the library jars on the class path — read from
 * system properties and a few files, never by starting a process, so capturing it is quick.
 */
public final class RunEnvironment {

    /** At most this many library names are logged; {@code libraries_total} says how many there were. */
    static final int MAX_LIBRARIES = 200;

    private static final Path NVIDIA_GPUS = Path.of("/proc/driver/nvidia/gpus");

    private RunEnvironment() {
    }

    /** The environment of this JVM, as the {@code environment} attribute of a run's start event. */
    public static Map<String, Object> capture() {
        Runtime rt = Runtime.getRuntime();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("java", System.getProperty("java.version"));
        m.put("java_vendor", System.getProperty("java.vendor"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("arch", System.getProperty("os.arch"));
        m.put("cpus", rt.availableProcessors());
        m.put("memory_max_bytes", rt.maxMemory());
        m.put("gpus", gpus());
        String cuda = System.getenv("CUDA_VISIBLE_DEVICES");
        if (cuda != null) {
            m.put("cuda_visible_devices", cuda);
        }
        List<String> libraries = libraries(System.getProperty("java.class.path", ""));
        m.put("libraries_total", libraries.size());
        m.put("libraries", libraries.size() > MAX_LIBRARIES ? libraries.subList(0, MAX_LIBRARIES) : libraries);
        return m;
    }

    /** NVIDIA GPUs the driver lists (one folder each under {@code /proc/driver/nvidia/gpus}); 0 when none is visible. */
    static int gpus() {
        if (!Files.isDirectory(NVIDIA_GPUS)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(NVIDIA_GPUS)) {
            return (int) s.count();
        } catch (IOException e) {
            return 0;
        }
    }

    /** The jar names of a class path without {@code .jar} ({@code jackson-core-2.22.0}), sorted; folders are skipped. */
    static List<String> libraries(String classPath) {
        List<String> out = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.endsWith(".jar")) {
                String name = Path.of(entry).getFileName().toString();
                out.add(name.substring(0, name.length() - ".jar".length()));
            }
        }
        out.sort(null);
        return out;
    }
}
