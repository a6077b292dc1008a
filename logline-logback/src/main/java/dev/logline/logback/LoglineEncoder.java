package dev.logline.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import dev.logline.core.crypto.SecretSource;
import dev.logline.core.redact.RedactionPolicy;
import dev.logline.core.redact.Redactor;
import dev.logline.logback.error.FrameFilter;
import dev.logline.logback.error.ThrowableWriter;
import dev.logline.logback.json.EncodeState;
import dev.logline.logback.json.EncodeStatePool;
import dev.logline.logback.json.Utf8JsonWriter;
import dev.logline.logback.layout.DottedKeys;
import dev.logline.logback.layout.EventLayout;
import dev.logline.logback.layout.FieldName;
import dev.logline.logback.layout.FieldNames;
import dev.logline.logback.layout.Preset;
import dev.logline.logback.pretty.PrettyConsoleLayout;

import java.io.IOException;
import java.io.OutputStream;
import java.util.EnumMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Encodes Logback events as JSON lines (one event per line) for a ConsoleAppender or FileAppender, in Logline's
 * schema or a peer's ({@code ecs}, {@code logstash}, {@code otel}, {@code gelf}), or as readable lines for a
 * developer's console.
 *
 * <p>Every setting is a bean property for logback.xml; bad values are reported through Logback's status system
 * in {@link #start()} and replaced by the default — the application never sees an exception. The encoder is
 * thread-safe and keeps no per-thread state: buffers come from a small shared pool.
 *
 * <p>Secrets and personal data are redacted before anything is written (docs/SECURITY.md, "Redaction"): the
 * built-in rules are on unless {@code <redaction>off</redaction>}; {@code <redact>} adds rules, {@code <redactionKey>}
 * gives the key of the {@code hash} action.
 */
public class LoglineEncoder extends EncoderBase<ILoggingEvent> {

    /** Frames kept per exception (and per cause) unless {@link #setMaxStackDepth(int)} says otherwise. */
    public static final int DEFAULT_MAX_STACK_DEPTH = 64;

    private String preset = Preset.LOGLINE.settingName();
    private String service;
    private String env;
    private String version;
    private String host;
    private String renames;
    private String dottedKeys = "flat";
    private int maxStackDepth = DEFAULT_MAX_STACK_DEPTH;
    private String excludePackages;
    private Boolean pretty;
    private boolean color = true;
    private String redaction = "on";
    private final List<String> redactRules = new ArrayList<>();
    private String redactionKey;

    private Function<String, String> environment = System::getenv;

    private final EncodeStatePool pool = EncodeStatePool.forThisMachine();
    private volatile EventLayout layout;
    private volatile PrettyConsoleLayout prettyLayout;

    @Override
    public void start() {
        Preset p = Preset.fromSettingName(preset);
        if (p == null) {
            addError("Unknown preset '" + preset + "': use one of logline, ecs, logstash, otel, gelf. Using logline.");
            p = Preset.LOGLINE;
        }
        DottedKeys dk = DottedKeys.fromSettingName(dottedKeys);
        if (dk == null) {
            addError("Unknown dottedKeys '" + dottedKeys + "': use flat or nest. Using flat.");
            dk = DottedKeys.FLAT;
        }
        int depth = maxStackDepth;
        if (depth < 1) {
            addError("maxStackDepth must be at least 1, was " + depth + ". Using " + DEFAULT_MAX_STACK_DEPTH + ".");
            depth = DEFAULT_MAX_STACK_DEPTH;
        }
        FieldNames names = new FieldNames(p, parseRenames(renames, p));
        ServiceResource resource = ServiceResource.resolve(new ServiceResource(service, env, version, host),
                environment, () -> ServiceResource.machineHostname(environment));
        Redactor redactor = Redactor.of(redactionPolicy());
        ThrowableWriter throwables = new ThrowableWriter(depth, FrameFilter.parse(excludePackages), redactor);
        boolean prettyMode = pretty != null ? pretty : "pretty".equalsIgnoreCase(trim(environment.apply("LOGLINE_CONSOLE")));
        prettyLayout = prettyMode ? new PrettyConsoleLayout(throwables, color, redactor) : null;
        layout = EventLayout.create(names, resource, throwables, dk, redactor);
        super.start();
    }

    /**
     * The redaction rules from the settings. A bad rule is reported and skipped; a policy that cannot be built (a
     * hash rule without a key) is reported and replaced by the built-in set, so a mistake never turns redaction off.
     */
    private RedactionPolicy redactionPolicy() {
        RedactionPolicy.Builder b;
        try {
            b = RedactionPolicy.forMode(redaction);
        } catch (IllegalArgumentException e) {
            addError(e.getMessage() + ". Using on.");
            b = RedactionPolicy.builder().withDefaults();
        }
        if (b == null) {
            if (!redactRules.isEmpty()) {
                addWarn("redaction is off: the " + redactRules.size() + " <redact> rules are not applied");
            }
            return RedactionPolicy.none();
        }
        for (String rule : redactRules) {
            try {
                b.rules(rule);
            } catch (IllegalArgumentException e) {
                addError(e.getMessage() + ". The rule is ignored.");
            }
        }
        if (redactionKey != null && !redactionKey.isBlank()) {
            try {
                b.hashKey(SecretSource.read(redactionKey, "redactionKey", environment)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                addError(e.getMessage());
            }
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            addError(e.getMessage() + ". Using the built-in redaction rules instead.");
            return RedactionPolicy.defaults();
        }
    }

    /**
     * Parses {@code msg=message,level=severity}; bad pairs are reported and skipped.
     */
    private Map<FieldName, String> parseRenames(String text, Preset p) {
        Map<FieldName, String> out = new EnumMap<>(FieldName.class);
        if (text == null || text.isBlank()) {
            return out;
        }
        Map<String, FieldName> targets = new HashMap<>();
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq < 0) {
                addError("Bad rename '" + pair.trim() + "': expected field=newName, e.g. msg=message. Ignored.");
                continue;
            }
            String from = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String to = pair.substring(eq + 1).trim();
            FieldName f = FieldName.fromSettingName(from);
            if (f == null) {
                addError("Bad rename '" + pair.trim() + "': unknown field '" + from + "'; renameable fields are "
                        + java.util.Arrays.stream(FieldName.values()).map(FieldName::settingName)
                        .collect(java.util.stream.Collectors.joining(", ")) + ". Ignored.");
                continue;
            }
            if (to.isEmpty()) {
                addError("Bad rename '" + pair.trim() + "': the new name is empty. Ignored.");
                continue;
            }
            if (targets.containsKey(to)) {
                addError("Bad rename '" + pair.trim() + "': '" + to + "' is already the name of "
                        + targets.get(to).settingName() + ". Ignored.");
                continue;
            }
            targets.put(to, f);
            out.put(f, to);
        }
        // A new name must not be the name another field keeps.
        for (FieldName f : FieldName.values()) {
            if (!out.containsKey(f)) {
                FieldName clash = targets.get(p.defaultName(f));
                if (clash != null) {
                    addError("Bad rename " + clash.settingName() + "=" + p.defaultName(f) + ": that is the name of "
                            + f.settingName() + " in preset " + p.settingName() + ". Ignored.");
                    out.remove(clash);
                }
            }
        }
        return out;
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        EncodeState s = pool.acquire();
        try {
            render(event, s);
            return s.writer().toByteArray();
        } finally {
            pool.release(s);
        }
    }

    /**
     * Writes the encoded event straight to a stream, without the intermediate array {@link #encode} returns (for
     * appenders that own a stream, such as Logline's own).
     */
    public void encodeTo(ILoggingEvent event, OutputStream out) throws IOException {
        EncodeState s = pool.acquire();
        try {
            render(event, s);
            Utf8JsonWriter w = s.writer();
            out.write(w.buffer(), 0, w.size());
        } finally {
            pool.release(s);
        }
    }

    private void render(ILoggingEvent event, EncodeState s) {
        EventLayout l = layout;
        if (l == null) {
            // Used before start(): run with whatever is configured rather than losing the event.
            synchronized (this) {
                if (layout == null) {
                    start();
                }
            }
            l = layout;
        }
        PrettyConsoleLayout p = prettyLayout;
        if (p != null) {
            p.write(event, s);
        } else {
            l.write(event, s);
        }
    }

    /** Output preset: {@code logline} (default), {@code ecs}, {@code logstash}, {@code otel} or {@code gelf}. */
    public void setPreset(String preset) {
        this.preset = preset;
    }

    public String getPreset() {
        return preset;
    }

    /** Service name; default {@code LOGLINE_SERVICE}, then {@code OTEL_SERVICE_NAME} / {@code service.name}. */
    public void setService(String service) {
        this.service = service;
    }

    /** Deployment environment; default {@code LOGLINE_ENV}, then OTel's {@code deployment.environment}. */
    public void setEnv(String env) {
        this.env = env;
    }

    /** Service version; default {@code LOGLINE_VERSION}, then OTel's {@code service.version}. */
    public void setVersion(String version) {
        this.version = version;
    }

    /** Host name; default {@code LOGLINE_HOST}, OTel's {@code host.name}, then the machine's hostname. */
    public void setHost(String host) {
        this.host = host;
    }

    /** Field renames, {@code field=newName} pairs separated by commas, e.g. {@code msg=message,level=severity}. */
    public void setRenames(String renames) {
        this.renames = renames;
    }

    /** {@code flat} (default) keeps {@code "a.b"} keys as they are; {@code nest} writes {@code {"a":{"b":…}}}. */
    public void setDottedKeys(String dottedKeys) {
        this.dottedKeys = dottedKeys;
    }

    /** Frames kept per exception and per cause (default 64); the rest is summarised as a count. */
    public void setMaxStackDepth(int maxStackDepth) {
        this.maxStackDepth = maxStackDepth;
    }

    /** Class-name prefixes whose frames are left out of stacks and hashes, comma-separated. */
    public void setExcludePackages(String excludePackages) {
        this.excludePackages = excludePackages;
    }

    /** Human-readable lines instead of JSON; unset means: pretty when {@code LOGLINE_CONSOLE=pretty}. */
    public void setPretty(boolean pretty) {
        this.pretty = pretty;
    }

    /** ANSI colors in pretty mode (default true). */
    public void setColor(boolean color) {
        this.color = color;
    }

    /**
     * {@code on} (default): the built-in redaction rules and those of {@code <redact>}; {@code custom}: only those
     * of {@code <redact>}; {@code off}: nothing is redacted.
     */
    public void setRedaction(String redaction) {
        this.redaction = redaction;
    }

    /**
     * Adds redaction rules, one per line or separated by {@code ;} (repeat the element for more):
     * {@code field <pattern> [action]}, {@code detect <detector> [action]}, {@code regex <name> /<re>/ [action]}.
     */
    public void addRedact(String rules) {
        if (rules != null && !rules.isBlank()) {
            redactRules.add(rules);
        }
    }

    /** The secret key of the {@code hash} action: {@code env:NAME}, {@code file:PATH} or the key itself. */
    public void setRedactionKey(String redactionKey) {
        this.redactionKey = redactionKey;
    }

    /** Where environment variables come from; tests replace {@code System::getenv}. */
    void setEnvironment(Function<String, String> environment) {
        this.environment = environment;
    }
}
