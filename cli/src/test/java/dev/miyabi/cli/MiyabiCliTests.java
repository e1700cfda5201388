package dev.miyabi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and error messages, against a local stub server. */
class MiyabiCliTests {

    @TempDir
    Path config;

    @Test
    void healthReportsAnUpServerWithExitCodeZero() {
        try (StubServer server = new StubServer().on("GET", "/actuator/health", 200, "{\"status\":\"UP\"}")) {
            CliRun run = CliRun.run(config, "health", "--url", server.url());

            assertThat(run.exit()).isZero();
            assertThat(run.out()).contains(": UP");
        }
    }

    @Test
    void anUnreachableServerIsExitFiveEvenWithoutALogin() {
        CliRun run = CliRun.run(config, "orders", "list", "--url", "http://127.0.0.1:1");

        assertThat(run.exit()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.err()).contains("Cannot reach the server at http://127.0.0.1:1");
    }

    @Test
    void aServerAskingForATokenWithoutASessionIsExitThree() {
        try (StubServer server = new StubServer()
                .on(
                        "GET",
                        "/api/orders",
                        401,
                        "{\"title\":\"Unauthorized\",\"status\":401,\"code\":\"unauthorized\"}")) {
            CliRun run = CliRun.run(config, "orders", "list", "--url", server.url());

            assertThat(run.exit()).isEqualTo(ExitCodes.NOT_LOGGED_IN);
            assertThat(run.err()).contains("Not logged in to " + server.url()).contains("miyabi login");
        }
    }

    @Test
    void aRefusalPrintsTitleDetailAndEachFieldErrorWithExitOne() {
        String problem = """
                {"type":"urn:problem-type:miyabi:validation_failed","title":"Bad Request","status":400,
                 "detail":"The request has invalid fields","code":"validation_failed",
                 "errors":[{"field":"size","message":"must be at most 100"},{"field":"page","message":"must be 0 or more"}]}""";
        try (StubServer server = new StubServer().on("GET", "/api/products", 400, problem)) {
            CliRun run = CliRun.run(config, "products", "list", "--url", server.url(), "--page", "-1");

            assertThat(run.exit()).isEqualTo(ExitCodes.REFUSED);
            assertThat(run.err().lines())
                    .containsExactly(
                            "Bad Request: The request has invalid fields (validation_failed)",
                            "  size must be at most 100; page must be 0 or more");
        }
    }

    @Test
    void unknownIdsAreExitFourAndShortOrAmbiguousPrefixesAreUsageErrors() {
        String orders = """
                {"items":[{"id":"aaaaaaaa-1111-4000-8000-000000000001"},{"id":"aaaaaaaa-2222-4000-8000-000000000002"}],
                 "page":0,"size":100,"total":2}""";
        try (StubServer server = new StubServer().on("GET", "/api/orders", 200, orders)) {
            assertThat(CliRun.run(config, "orders", "show", "--url", server.url(), "bbbbbbbb")
                            .exit())
                    .isEqualTo(ExitCodes.NOT_FOUND);
            CliRun ambiguous = CliRun.run(config, "orders", "show", "--url", server.url(), "aaaaaaaa");
            assertThat(ambiguous.exit()).isEqualTo(ExitCodes.USAGE);
            assertThat(ambiguous.err()).contains("matches 2 orders");
            assertThat(CliRun.run(config, "orders", "show", "--url", server.url(), "aaaa")
                            .exit())
                    .isEqualTo(ExitCodes.USAGE);
        }
    }

    @Test
    void helpListsTheExitCodes() {
        CliRun run = CliRun.run(config, "orders", "pay", "--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out())
                .contains("Exit codes:")
                .contains("3   Not logged in")
                .contains("--method=PM");
    }

    @Test
    void completionPrintsAScriptForBashAndZsh() {
        assertThat(CliRun.run(config, "completion", "bash").out())
                .contains("complete -F")
                .contains("orders");
        assertThat(CliRun.run(config, "completion", "zsh").out()).startsWith("autoload -U +X compinit");
    }
}
