package dev.logline.cli;

import dev.logline.server.auth.KeyFile;
import dev.logline.server.auth.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's shop ships without a key, so {@code logline demo} will not run on a data directory that requires one. */
class DemoCommandAuthTest {

    @Test
    void aDataDirectoryWithKeysIsRefusedBeforeAnythingStarts(@TempDir Path data) {
        KeyFile.in(data).create(Role.ADMIN, "default", null);
        StringWriter err = new StringWriter();
        int code = Logline.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true))
                .execute("demo", "--port", "0", "--data", data.toString(), "--duration", "1s");
        assertThat(code).isEqualTo(ExitCodes.STARTUP_FAILED);
        assertThat(err.toString()).contains(data.resolve("keys.json").toString()).contains("holds API keys")
                .contains("another --data directory");
    }
}
