package dev.logline.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class CommandHelpTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Logline.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"server", "query", "tail", "trace"})
    void everyCommandExplainsItselfWithHelp(String command) {
        assertThat(run(command, "--help")).isZero();
        assertThat(out.toString()).contains("Usage: logline " + command).contains("--help").contains("--version");
    }

    @Test
    void topLevelHelpListsTheCommandsAndExitCodes() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("server", "query", "tail", "trace", "Exit codes:", "3   the server could not be reached");
    }

    @Test
    void clientCommandsDocumentTheirServerOptions() {
        run("query", "--help");
        assertThat(out.toString()).contains("--url", "LOGLINE_URL", "--last", "--from", "--to", "--limit", "--json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"query", "tail", "trace"})
    void versionIsPrintedEverywhere(String command) {
        assertThat(run(command, "--version")).isZero();
        assertThat(out.toString()).startsWith("logline ").doesNotContain("unknown").contains("Java ");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(run("query", "--no-such-option", "x")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("Unknown option");
    }

    @Test
    void lastAndFromTogetherAreRejectedBeforeAnyRequest() {
        assertThat(run("query", "*", "--last", "1h", "--from", "2026-11-22T10:00:00Z", "--url", "http://127.0.0.1:9"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("either --last or --from/--to");
    }

    @Test
    void malformedDurationIsExplained() {
        assertThat(run("query", "*", "--last", "an hour", "--url", "http://127.0.0.1:9")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("like 15m or 7d");
    }

    @Test
    void aServerThatIsNotThereGivesItsOwnExitCode() throws Exception {
        int freePort;
        try (var s = new java.net.ServerSocket(0)) {
            freePort = s.getLocalPort();
        }
        assertThat(run("query", "*", "--url", "http://127.0.0.1:" + freePort)).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(err.toString()).contains("cannot reach the Logline server at http://127.0.0.1:" + freePort);
    }
}
