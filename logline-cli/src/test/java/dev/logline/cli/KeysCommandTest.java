package dev.logline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logline.server.auth.KeyFile;
import dev.logline.server.auth.KeyUsage;
import dev.logline.server.auth.StoredKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class KeysCommandTest {

    static final Pattern TOKEN = Pattern.compile("ll_([0-9a-f]{12})_([A-Za-z0-9_-]{43})");

    @TempDir
    Path data;

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Logline.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void createPrintsTheKeyOnceAndHowToUseIt() throws Exception {
        assertThat(run("keys", "create", "--data", data.toString(), "--role", "read", "--tenant", "shop",
                "--name", "grafana")).isEqualTo(ExitCodes.OK);
        Matcher m = TOKEN.matcher(out.toString());
        assertThat(m.find()).as(out.toString()).isTrue();
        String token = m.group();
        assertThat(out.toString()).contains("role read, tenant shop, name \"grafana\"")
                .contains("only time the key is shown").contains("--api-key " + token);
        StoredKey stored = KeyFile.in(data).read().get(0);
        assertThat(stored.id()).isEqualTo(m.group(1));
        assertThat(Files.readString(data.resolve("keys.json"))).doesNotContain(m.group(2));
        // The change is in the audit log, without the key.
        String audit = Files.readString(data.resolve("audit.log"));
        assertThat(audit).contains("\"path\":\"keys create\"").contains("id=" + stored.id()).doesNotContain(m.group(2));
    }

    @Test
    void quietPrintsOnlyTheKeyForScripts() {
        assertThat(run("keys", "create", "--data", data.toString(), "--role", "ingest", "--quiet")).isZero();
        assertThat(out.toString().strip()).matches(TOKEN);
        assertThat(KeyFile.in(data).read().get(0).tenant()).isEqualTo("default");
    }

    @Test
    void listShowsEveryKeyButNeverASecret() throws Exception {
        run("keys", "create", "--data", data.toString(), "--role", "admin", "--tenant", "ops", "--name", "on call");
        String first = out.toString();
        run("keys", "create", "--data", data.toString(), "--role", "ingest", "--tenant", "shop", "--quiet");
        String second = out.toString().strip();
        Matcher m = TOKEN.matcher(first);
        assertThat(m.find()).isTrue();
        String firstId = m.group(1);
        assertThat(run("keys", "revoke", "--data", data.toString(), firstId)).isZero();
        assertThat(out.toString()).contains("Revoked API key " + firstId + " (role admin, tenant ops, name \"on call\")");

        assertThat(run("keys", "list", "--data", data.toString())).isZero();
        String table = out.toString();
        assertThat(table.lines().findFirst().orElseThrow()).contains("ID", "NAME", "ROLE", "TENANT", "CREATED", "REVOKED");
        assertThat(table).contains(firstId, "on call", "admin", "ops", "ingest", "shop");
        assertThat(table).doesNotContain(m.group(2)).doesNotContain(second).doesNotContain("ll_");

        assertThat(run("keys", "list", "--data", data.toString(), "--json")).isZero();
        JsonNode keys = new ObjectMapper().readTree(out.toString());
        assertThat(keys).hasSize(2);
        assertThat(keys.get(0).get("id").asText()).isEqualTo(firstId);
        assertThat(keys.get(0).get("revoked").asBoolean()).isTrue();
        assertThat(keys.get(0).has("revoked_at")).isTrue();
        assertThat(keys.get(1).get("revoked").asBoolean()).isFalse();
        List<String> fields = new java.util.ArrayList<>();
        keys.get(0).fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("id", "name", "role", "tenant", "created", "revoked", "revoked_at", "expires",
                "expired", "last_used");
        assertThat(out.toString()).doesNotContain(m.group(2)).doesNotContain(second);
    }

    @Test
    void expiryAndLastUseAreShownInTheList() throws Exception {
        assertThat(run("keys", "create", "--data", data.toString(), "--role", "read", "--tenant", "shop",
                "--expires", "90d")).isZero();
        assertThat(out.toString()).contains("role read, tenant shop, expires ");
        StoredKey stored = KeyFile.in(data).read().get(0);
        assertThat(stored.expiresAt()).isBetween(Instant.now().plus(Duration.ofDays(89)),
                Instant.now().plus(Duration.ofDays(91)));
        assertThat(run("keys", "create", "--data", data.toString(), "--role", "admin", "--tenant", "*",
                "--name", "org ops")).isZero();
        // A server records uses beside the key file; keys list reads them.
        KeyUsage usage = KeyUsage.beside(KeyFile.in(data));
        usage.used(stored.id());
        usage.write();

        assertThat(run("keys", "list", "--data", data.toString())).isZero();
        String table = out.toString();
        assertThat(table.lines().findFirst().orElseThrow()).contains("EXPIRES", "LAST USED");
        String shopRow = table.lines().filter(l -> l.startsWith(stored.id())).findFirst().orElseThrow();
        assertThat(shopRow).contains(stored.expiresAt().truncatedTo(ChronoUnit.SECONDS).toString())
                .doesNotContain("never");
        String orgRow = table.lines().filter(l -> l.contains("org ops")).findFirst().orElseThrow();
        assertThat(orgRow).contains("*").contains("never");

        assertThat(run("keys", "list", "--data", data.toString(), "--json")).isZero();
        JsonNode keys = new ObjectMapper().readTree(out.toString());
        assertThat(keys.get(0).get("expires").asText()).isEqualTo(stored.expiresAt().toString());
        assertThat(keys.get(0).get("expired").asBoolean()).isFalse();
        assertThat(Instant.parse(keys.get(0).get("last_used").asText())).isAfter(Instant.now().minusSeconds(120));
        assertThat(keys.get(1).get("expires").isNull()).isTrue();
        assertThat(keys.get(1).get("last_used").isNull()).isTrue();
    }

    @Test
    void badExpiriesAndOrgWideNonAdminsAreRefused() {
        assertThat(run("keys", "create", "--data", data.toString(), "--role", "read", "--expires", "soon"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--expires: expiry 'soon' is not a duration (90d, 12h, 2w, 30m)");
        assertThat(run("keys", "create", "--data", data.toString(), "--role", "read", "--expires", "2001-01-01"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("is not in the future");
        assertThat(run("keys", "create", "--data", data.toString(), "--role", "ingest", "--tenant", "*"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("tenant '*' (every tenant) is for admin keys only");
        assertThat(KeyFile.in(data).read()).isEmpty();
    }

    @Test
    void anEmptyListSaysHowToStart() {
        assertThat(run("keys", "list", "--data", data.toString())).isZero();
        assertThat(out.toString()).contains("No API keys in").contains("logline keys create");
    }

    @Test
    void mistakesGetClearErrorsAndExitCodes() throws Exception {
        assertThat(run("keys", "create", "--data", data.toString(), "--role", "root")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("unknown role 'root'; use one of ingest, read, admin");
        assertThat(run("keys", "create", "--data", data.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--role");
        assertThat(run("keys", "create", "--data", data.toString(), "--role", "read", "--tenant", "a/b"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("invalid tenant 'a/b'");
        assertThat(run("keys", "revoke", "--data", data.toString(), "0123456789ab")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("no key with id '0123456789ab'").contains("logline keys list");

        Files.writeString(data.resolve("keys.json"), "{ not json");
        assertThat(run("keys", "list", "--data", data.toString())).isEqualTo(ExitCodes.FILE_ERROR);
        assertThat(err.toString()).contains(data.resolve("keys.json").toString()).contains("not valid");
        assertThat(run("keys", "create", "--data", data.toString(), "--role", "read")).isEqualTo(ExitCodes.FILE_ERROR);
    }

    @Test
    void everySubcommandHasHelp() {
        for (String sub : List.of("create", "list", "revoke")) {
            assertThat(run("keys", sub, "--help")).isZero();
            assertThat(out.toString()).contains("Usage: logline keys " + sub).contains("--data").contains("LOGLINE_DATA");
        }
        assertThat(run("keys")).isZero();
        assertThat(out.toString()).contains("create", "list", "revoke", "Roles: ingest");
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("keys", "6   a local file");
    }
}
