package dev.logline.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logline.cli.output.TextTable;
import dev.logline.server.auth.ApiKeyToken;
import dev.logline.server.auth.AuditEntry;
import dev.logline.server.auth.AuditLog;
import dev.logline.server.auth.IssuedKey;
import dev.logline.server.auth.KeyFile;
import dev.logline.server.auth.KeyExpiry;
import dev.logline.server.auth.KeyFileException;
import dev.logline.server.auth.KeyUsage;
import dev.logline.server.auth.Role;
import dev.logline.server.auth.StoredKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;

/**
 * {@code logline keys create|list|revoke}: the API keys of a data directory ({@code <data>/keys.json}), which a
 * server on that directory requires once there are any. Works on the file directly, so it needs no running server;
 * a running one picks changes up within a second.
 */
@Command(name = "keys", mixinStandardHelpOptions = true, versionProvider = LoglineVersion.class,
        description = {
                "Creates, lists and revokes the API keys of a data directory. A server whose data directory holds "
                        + "keys requires one on every request (except /healthz and the web UI's files); the request "
                        + "then acts for the key's tenant. Roles: ingest (send logs), read (query, tail, UI), "
                        + "admin (both, and the keys of its tenant; with --tenant '*' the keys of every tenant).",
                "%nExamples:%n  logline keys create --role ingest --tenant shop --name 'shop shippers' --expires 90d"
                        + "%n  logline keys list --data /var/lib/logline"
                        + "%n  logline keys revoke 3f9a0c1b2d4e%n"
        },
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class,
                CommandLine.HelpCommand.class})
public final class KeysCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        // Without a subcommand there is nothing to do but explain what there is.
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The data directory every subcommand works on, as {@code logline server} finds it. */
    static final class DataOption {
        @Option(names = "--data", paramLabel = "DIR", defaultValue = "${env:LOGLINE_DATA:-./logline-data}",
                description = "The server's data directory, holding keys.json (env LOGLINE_DATA; default: "
                        + "${DEFAULT-VALUE}).")
        Path data;

        KeyFile keys() {
            return KeyFile.in(data);
        }

        /** Records a change to the keys in the same audit log the server writes. */
        void audit(String command, String args, int exitCode) {
            AuditLog.in(data).append(new AuditEntry(Instant.now(), "cli:" + System.getProperty("user.name", "?"),
                    null, null, "CLI", command, args, exitCode, "local"));
        }
    }

    /** At most the first 8 characters of what the user typed, so an error never prints a whole secret. */
    static String shortened(String text) {
        return text.length() <= 8 ? text : text.substring(0, 8) + "…";
    }

    private static void removeIfEmpty(Path dir) {
        try (var entries = Files.list(dir)) {
            if (entries.findAny().isEmpty()) {
                Files.delete(dir);
            }
        } catch (java.io.IOException | RuntimeException e) {
            // Nothing was created, or it is not ours to remove: leave it.
        }
    }

    /** Reports a key file that cannot be read or written and returns {@link ExitCodes#FILE_ERROR}. */
    static int fileError(PrintWriter err, KeyFileException e) {
        err.println("error: " + e.getMessage());
        return ExitCodes.FILE_ERROR;
    }

    /** {@code logline keys create}. */
    @Command(name = "create", mixinStandardHelpOptions = true, versionProvider = LoglineVersion.class,
            description = {"Creates an API key and prints it once; only a hash of it is stored.",
                    "%nExample:%n  logline keys create --role read --tenant shop --name grafana%n"})
    static final class Create implements Callable<Integer> {

        @CommandLine.Mixin
        DataOption data = new DataOption();

        @Option(names = "--role", required = true, paramLabel = "ROLE",
                description = "ingest (send logs), read (query, tail, web UI) or admin (both).")
        String role;

        @Option(names = "--tenant", paramLabel = "TENANT", defaultValue = "default",
                description = "Whose events the key writes and reads: 1-64 letters, digits, '_', '.', '-' "
                        + "(default: ${DEFAULT-VALUE}, the tenant of a server without keys); '*' for an org-wide "
                        + "admin, who manages every tenant's keys and names the tenant of a request in "
                        + "X-Logline-Tenant.")
        String tenant;

        @Option(names = "--expires", paramLabel = "WHEN", defaultValue = "never",
                description = "When the key stops being accepted: a duration from now (90d, 12h, 2w), a date "
                        + "(2027-03-31) or an instant; default: ${DEFAULT-VALUE}.")
        String expires;

        @Option(names = "--name", paramLabel = "LABEL", defaultValue = "",
                description = "A label for people, e.g. who holds the key.")
        String name;

        @Option(names = "--quiet", description = "Print only the key (for scripts).")
        boolean quiet;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Role r;
            try {
                r = Role.parse(role);
            } catch (IllegalArgumentException e) {
                return ExitCodes.usage(err, e.getMessage());
            }
            Instant expiresAt;
            try {
                expiresAt = KeyExpiry.parse(expires, Instant.now());
            } catch (IllegalArgumentException e) {
                return ExitCodes.usage(err, "--expires: " + e.getMessage());
            }
            IssuedKey issued;
            boolean existed = Files.isDirectory(data.data);
            boolean success = false;
            try {
                Files.createDirectories(data.data);
                issued = data.keys().create(r, tenant, name, expiresAt);
                success = true;
            } catch (IllegalArgumentException e) {
                return ExitCodes.usage(err, e.getMessage());
            } catch (KeyFileException e) {
                return fileError(err, e);
            } catch (java.io.IOException e) {
                err.println("error: " + StartupProblem.dataDirectory(data.data, e));
                return ExitCodes.FILE_ERROR;
            } finally {
                if (!success && !existed) {
                    // A refused key (a bad --tenant) leaves no empty data directory behind.
                    removeIfEmpty(data.data);
                }
            }
            data.audit("keys create", "id=" + issued.key().id() + " role=" + r.text() + " tenant=" + tenant, ExitCodes.OK);
            String token = issued.token().text();
            if (quiet) {
                out.println(token);
                out.flush();
                return ExitCodes.OK;
            }
            out.println("Created API key " + issued.key().id() + " (role " + r.text() + ", tenant " + tenant
                    + (name.isBlank() ? "" : ", name \"" + name.trim() + "\"")
                    + (expiresAt == null ? "" : ", expires " + expiresAt.truncatedTo(ChronoUnit.SECONDS)) + ") in "
                    + data.keys().path());
            out.println();
            out.println("  " + token);
            out.println();
            out.println("This is the only time the key is shown: store it now. Lost keys cannot be recovered; revoke "
                    + "and create another.");
            out.println("Use it:");
            if (r.permits(Role.READ)) {
                out.println("  logline query '*' --api-key " + token + "      (or env LOGLINE_API_KEY)");
                out.println("  the web UI asks for it once per browser session");
            }
            if (r.permits(Role.INGEST)) {
                out.println("  logback.xml, in LoglineAppender:  <apiKey>" + token + "</apiKey>");
                out.println("  other shippers: Authorization: Bearer " + token);
            }
            out.println("A running server on " + data.data + " accepts it within a second.");
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** {@code logline keys list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = LoglineVersion.class,
            description = "Lists the keys (id, name, role, tenant, created, expires, last used by a server on this "
                    + "directory, revoked); never the keys themselves.")
    static final class ListKeys implements Callable<Integer> {

        private static final ObjectMapper JSON = new ObjectMapper();

        @CommandLine.Mixin
        DataOption data = new DataOption();

        @Option(names = "--json", description = "Print a JSON array instead of a table.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<StoredKey> keys;
            try {
                keys = data.keys().read();
            } catch (KeyFileException e) {
                return fileError(err, e);
            }
            Map<String, Instant> used = KeyUsage.lastUses(data.keys());
            Instant now = Instant.now();
            if (json) {
                StringWriter text = new StringWriter();
                try (JsonGenerator g = JSON.getFactory().createGenerator(text)) {
                    g.writeStartArray();
                    for (StoredKey k : keys) {
                        k.writeListing(g, used.get(k.id()), now);
                    }
                    g.writeEndArray();
                }
                out.println(text);
                out.flush();
                return ExitCodes.OK;
            }
            if (keys.isEmpty()) {
                out.println("No API keys in " + data.keys().path() + ": a server on this directory needs none on "
                        + "loopback. Create one with `logline keys create --role read --tenant default`.");
                out.flush();
                return ExitCodes.OK;
            }
            TextTable table = new TextTable(List.of("ID", "NAME", "ROLE", "TENANT", "CREATED", "EXPIRES", "LAST USED",
                    "REVOKED"), 40);
            for (StoredKey k : keys) {
                table.add(List.of(k.id(), k.name(), k.role().text(), k.tenant(),
                        k.created().truncatedTo(ChronoUnit.SECONDS).toString(),
                        k.expiresAt() == null ? "never" : k.expiresAt().truncatedTo(ChronoUnit.SECONDS)
                                + (k.expired(now) ? " (expired)" : ""),
                        used.containsKey(k.id()) ? used.get(k.id()).truncatedTo(ChronoUnit.SECONDS).toString() : "never",
                        k.revoked() ? k.revokedAt().truncatedTo(ChronoUnit.SECONDS).toString() : "-"));
            }
            table.print(out);
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** {@code logline keys revoke}. */
    @Command(name = "revoke", mixinStandardHelpOptions = true, versionProvider = LoglineVersion.class,
            description = {"Revokes a key: a running server refuses it within a second. The key stays listed as "
                    + "revoked, so audit log entries keep naming it.",
                    "%nExample:%n  logline keys revoke 3f9a0c1b2d4e%n"})
    static final class Revoke implements Callable<Integer> {

        @CommandLine.Mixin
        DataOption data = new DataOption();

        @Parameters(index = "0", paramLabel = "ID", description = "The key's id, as `logline keys list` shows it "
                + "(the 12 hex digits after ll_).")
        String id;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            String given = id.trim();
            var token = ApiKeyToken.parse(given);
            String keyId = token.map(ApiKeyToken::id).orElse(given);
            if (token.isPresent()) {
                err.println("note: that is a whole API key (keep it secret); revoking it by its id " + keyId);
            } else if (!ApiKeyToken.isId(given)) {
                // Never echo what may be a secret: show only its start.
                return ExitCodes.usage(err, "'" + shortened(given) + "' is not a key id: give the 12 hex digits "
                        + "`logline keys list` shows (the part after ll_)");
            }
            StoredKey revoked;
            try {
                StoredKey before = data.keys().read().stream().filter(k -> k.id().equals(keyId)).findFirst()
                        .orElse(null);
                if (before != null && before.revoked()) {
                    out.println("API key " + keyId + " was already revoked at "
                            + before.revokedAt().truncatedTo(ChronoUnit.SECONDS) + "; nothing changed.");
                    out.flush();
                    return ExitCodes.OK;
                }
                revoked = data.keys().revoke(keyId);
            } catch (NoSuchElementException e) {
                return ExitCodes.usage(err, e.getMessage());
            } catch (KeyFileException e) {
                return fileError(err, e);
            }
            data.audit("keys revoke", "id=" + revoked.id(), ExitCodes.OK);
            out.println("Revoked API key " + revoked.id() + " (role " + revoked.role().text() + ", tenant "
                    + revoked.tenant() + (revoked.name().isEmpty() ? "" : ", name \"" + revoked.name() + "\"")
                    + "). A running server refuses it within a second.");
            out.flush();
            return ExitCodes.OK;
        }
    }
}
