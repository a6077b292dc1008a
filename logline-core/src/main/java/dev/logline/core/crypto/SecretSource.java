package dev.logline.core.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Where a secret setting's value comes from, so a secret never has to be written into a config file:
 * {@code env:NAME} reads an environment variable, {@code file:PATH} a file (its trailing line break dropped), and any
 * other text is the secret itself.
 */
public final class SecretSource {

    private SecretSource() {
    }

    /**
     * The secret a spec names.
     *
     * @param setting the setting's name, for messages
     * @param env     the environment ({@code System::getenv} in production)
     * @throws IllegalArgumentException saying which variable is unset, which file is unreadable or empty
     */
    public static String read(String spec, String setting, Function<String, String> env) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException(setting + " is empty; give env:NAME, file:PATH or the value");
        }
        String s = spec.strip();
        if (s.startsWith("env:")) {
            String name = s.substring(4).strip();
            String v = env.apply(name);
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException(setting + " reads the environment variable " + name
                        + ", which is not set (or is empty); set it, or point " + setting + " at file:PATH");
            }
            return v.strip();
        }
        if (s.startsWith("file:")) {
            Path p = Path.of(s.substring(5).strip());
            String v;
            try {
                v = Files.readString(p, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalArgumentException(setting + " reads the file " + p + ", which cannot be read ("
                        + e + "); check the path and its permissions", e);
            }
            if (v.isBlank()) {
                throw new IllegalArgumentException(setting + " reads the file " + p + ", which is empty");
            }
            return v.strip();
        }
        return s;
    }

    /** As {@link #read} with the process environment. */
    public static String read(String spec, String setting) {
        return read(spec, setting, System::getenv);
    }
}
