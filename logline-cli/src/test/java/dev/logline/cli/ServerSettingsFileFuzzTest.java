package dev.logline.cli;

import dev.logline.core.fuzz.FuzzGuard;
import dev.logline.core.fuzz.FuzzInputs;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings file of {@code logline server --config}, damaged: it is read, or refused with an
 * {@link IllegalArgumentException} naming the file (the command's usage error); every value read from it is the text
 * it holds, or refused naming the setting — never a number that wrapped round or an exception of another kind.
 */
class ServerSettingsFileFuzzTest {

    private static final List<String> SAMPLES = List.of(
            "# settings\nport = 4680\ndata = /var/lib/logline\nsyslog.port = 5514\nretention.days = 7\n",
            "retention.max-bytes = 10_000_000_000\nno-auth = true\nbind=127.0.0.1\n",
            "store.keys = env:LOGLINE_KEYS\nredaction = default\nredaction.rules = field password mask; field *.token drop\n",
            "redaction.key = file:/etc/logline/hmac\ntls.cert = /etc/tls/cert.pem\ntls.key : /etc/tls/key.pem\n",
            "port=\\u0034680\\\n\n! comment\ndata = C:\\\\logline\n");

    private static Path dir;
    private static int tryNumber;

    @BeforeContainer
    static void createDir() throws IOException {
        dir = Files.createTempDirectory("logline-settings-fuzz");
    }

    @AfterContainer
    static void deleteDir() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    @Provide
    Arbitrary<byte[]> files() {
        return FuzzInputs.of(SAMPLES.stream().map(s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toList(), 128);
    }

    @Property
    void aSettingsFileIsReadOrRefusedNamingIt(@ForAll("files") byte[] content) throws IOException {
        Path file = dir.resolve("logline-" + tryNumber++ + ".properties");
        Files.write(file, content);
        try {
            FuzzGuard.run(content.length, () -> {
                ServerSettingsFile settings;
                try {
                    settings = ServerSettingsFile.read(file);
                } catch (IllegalArgumentException e) {
                    assertThat(e.getMessage()).contains(file.toString());
                    return;
                }
                for (String key : ServerSettingsFile.KEYS) {
                    String text = settings.get(key);
                    checkValue(file, key, text, () -> settings.getBoolean(key), v -> assertThat(text).isEqualToIgnoringCase(v.toString()));
                    checkValue(file, key, text, () -> settings.getLong(key, -7),
                            v -> assertThat(v).isEqualTo(text == null ? -7 : Long.parseLong(text.replace("_", ""))));
                    checkValue(file, key, text, () -> settings.getInt(key, -7),
                            v -> assertThat(v).isEqualTo(text == null ? -7 : Long.parseLong(text.replace("_", ""))));
                }
            });
        } finally {
            Files.delete(file);
        }
    }

    private static <T> void checkValue(Path file, String key, String text, java.util.function.Supplier<T> read,
                                       java.util.function.Consumer<T> check) {
        T value;
        try {
            value = read.get();
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).contains("'" + key + "'", file.toString());
            return;
        }
        if (text != null || !(value instanceof Boolean)) {
            check.accept(value);
        }
    }
}
