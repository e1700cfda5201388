package dev.miyabi.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** {@code miyabi tui} in a real pseudo-terminal (tmux), against the real server jar. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIntegrationTests {

    private static final Duration LONG = Duration.ofSeconds(90);

    private static TestServer server;

    @BeforeAll
    static void startServer() {
        server = TestServer.get();
    }

    private static Tmux dashboard(Cli user, int width, int height) {
        return new Tmux(
                width,
                height,
                Map.of("XDG_CONFIG_HOME", user.config().toString(), "MIYABI_URL", server.url(), "LANG", "C.UTF-8"),
                Cli.command("tui"));
    }

    @Test
    @Order(1)
    void aCustomerSeesAJobStartedElsewhereAdvanceAndComplete() {
        Cli customer = Accounts.customer(server, "Tia Customer");
        try (Tmux tui = dashboard(customer, 80, 24)) {
            String screen = tui.waitFor("live");
            assertThat(screen).contains("Jobs", "Orders", "Approvals", "Agents", "Tia Customer");
            assertThat(screen)
                    .contains("Nothing waiting for your decision.")
                    .contains("Live status: approvers and admins.");

            // Started by another client; the dashboard learns of it from /ws only.
            Cli.Result started = customer.run(
                    "jobs",
                    "create",
                    "course",
                    "--topic",
                    "Tracing in practice",
                    "--audience",
                    "SREs",
                    "--level",
                    "advanced",
                    "--hours",
                    "40",
                    "--objective",
                    "Spans",
                    "--objective",
                    "Sampling",
                    "--objective",
                    "Storage");
            assertThat(started.exit()).as(started.toString()).isZero();

            Set<Integer> percentages = new TreeSet<>();
            Pattern row = Pattern.compile("Tracing.*?(\\d{1,3})% (queued|running|completed)");
            tui.waitFor("the job to complete", LONG, current -> {
                for (String line : current.lines().toList()) {
                    Matcher matcher = row.matcher(line);
                    if (matcher.find()) {
                        percentages.add(Integer.parseInt(matcher.group(1)));
                        if (matcher.group(2).equals("completed")) {
                            return true;
                        }
                    }
                }
                return false;
            });
            assertThat(percentages).as("percentages seen: " + percentages).contains(100);
            assertThat(percentages.stream().anyMatch(p -> p > 0 && p < 100))
                    .as("the bar was seen between 0 and 100 %: " + percentages)
                    .isTrue();

            tui.keys("q");
            tui.waitFor("[exited 0]");
        }
    }

    @Test
    @Order(2)
    void anAdminApprovesAnOrderFromTheKeyboardAndTheDashboardFitsAnySize() {
        Cli admin = Accounts.admin(server);
        Cli customer = Accounts.customer(server, "Ada Approval");
        try (Tmux tui = dashboard(admin, 80, 24)) {
            tui.waitFor("live");
            tui.waitFor("KPIs");

            String productId = Accounts.productId(customer, Accounts.COURSE_PRODUCT);
            Cli.Result placed = customer.run(
                    "orders",
                    "create",
                    "--product",
                    productId,
                    "--input",
                    Accounts.courseRequest("Chaos engineering", 2).toString(),
                    "--json");
            String orderId = placed.json().path("id").asString();
            tui.waitFor("Ada Approval");

            tui.keys("Tab", "Tab");
            tui.waitFor("a approve  r reject");
            tui.keys("Enter");
            tui.waitFor("Approval ");
            tui.keys("a");
            tui.waitFor("Comment (optional)");
            tui.type("Budget approved by ops");
            tui.keys("Enter");
            tui.waitFor("Recorded 'approve'");
            assertThat(customer.run("orders", "show", orderId, "--json")
                            .json()
                            .path("status")
                            .asString())
                    .isEqualTo("awaiting_payment");
            tui.waitFor("the inbox to be empty", LONG, screen -> !screen.contains("Ada Approval ·"));

            // Help, then smaller and larger terminals.
            tui.keys("?");
            tui.waitFor("quit at once");
            tui.keys("Escape");
            tui.resize(60, 16);
            tui.waitFor(
                    "the 60×16 layout",
                    LONG,
                    screen -> screen.contains("Jobs")
                            && screen.lines().count() >= 16
                            && screen.lines().allMatch(line -> line.length() <= 60));
            tui.resize(50, 12);
            tui.waitFor("Terminal too small");
            tui.resize(120, 40);
            tui.waitFor("the 120×40 layout", LONG, screen -> screen.contains("Agents (5)"));
            tui.keys("q");
            tui.waitFor("[exited 0]");
        }
    }

    @Test
    @Order(3)
    void theDashboardSurvivesAServerRestartAndCatchesUp() {
        Cli customer = Accounts.customer(server, "Rita Restart");
        try (Tmux tui = dashboard(customer, 80, 24)) {
            tui.waitFor("live");

            server.stop();
            tui.waitFor("reconnecting…");
            server.start();
            String back = tui.waitFor(
                    "the dashboard to be live again",
                    LONG,
                    screen -> screen.contains("live") && !screen.contains("reconnecting"));
            assertThat(back).contains("Jobs");

            Cli.Result started = customer.run(
                    "jobs",
                    "create",
                    "document",
                    "--type",
                    "report",
                    "--title",
                    "Quarterly uptime report",
                    "--audience",
                    "Leadership",
                    "--data",
                    "uptime=99.95");
            assertThat(started.exit()).as(started.toString()).isZero();
            tui.waitFor(
                    "the document job to complete",
                    LONG,
                    screen -> screen.lines()
                            .anyMatch(line -> line.contains("Quarterly") && line.contains("100% completed")));
            tui.keys("q");
            tui.waitFor("[exited 0]");
        }
    }
}
