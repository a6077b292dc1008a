package dev.logline.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Logback configuration for the server under test: warnings and errors only. Without one Logback logs every
 * DEBUG line of Netty and Armeria to the console, which would be measured as server cost.
 */
final class QuietLogback {

    private QuietLogback() {
    }

    /** Writes {@code logback-bench.xml} into {@code dir} and returns its path. */
    static Path write(Path dir) {
        Path file = dir.resolve("logback-bench.xml");
        String xml = """
                <configuration>
                  <appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
                  </appender>
                  <root level="WARN"><appender-ref ref="CONSOLE"/></root>
                </configuration>
                """;
        try {
            Files.writeString(file, xml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }
}
