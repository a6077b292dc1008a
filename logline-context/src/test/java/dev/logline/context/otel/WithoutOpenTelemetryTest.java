package dev.logline.context.otel;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The context classes work in an application that does not have the OpenTelemetry API at all. */
class WithoutOpenTelemetryTest {

    @Test
    void currentTraceWorksWhenTheApiIsAbsent() throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.contains("opentelemetry")) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            assertThat(loader.getResource("io/opentelemetry/api/trace/Span.class")).isNull();
            Class<?> traceContext = loader.loadClass("dev.logline.core.trace.TraceContext");
            Class<?> currentTrace = loader.loadClass("dev.logline.context.CurrentTrace");
            assertThat(currentTrace.getMethod("get").invoke(null)).isEqualTo(Optional.empty());
            Object root = traceContext.getMethod("newRoot").invoke(null);
            try (AutoCloseable scope = (AutoCloseable) currentTrace.getMethod("open", traceContext).invoke(null, root)) {
                assertThat(currentTrace.getMethod("get").invoke(null)).isEqualTo(Optional.of(root));
            }
        }
    }
}
