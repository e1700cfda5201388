package dev.miyabi.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.miyabi.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The client run as a user would, against the real server jar. */
class CliIntegrationTests {

    private static TestServer server;
    private static Cli admin;

    @BeforeAll
    static void startServer() {
        server = TestServer.get();
        admin = Accounts.admin(server);
    }

    @Test
    void aCustomerOrdersACourseThatAnAdminApprovesPaysAfterADeclineWatchesItAndDownloadsThePdf() throws IOException {
        Cli customer = Accounts.customer(server, "Cora Customer");

        // The catalog, through a JSON parser as jq would read it.
        Cli.Result products = customer.runProcess("products", "list", "--json", "--size", "100");
        assertThat(products.exit()).as(products.toString()).isZero();
        String productId = null;
        for (JsonNode product : products.json().path("items")) {
            if (Accounts.COURSE_PRODUCT.equals(product.path("name").asString())) {
                productId = product.path("id").asString();
            }
        }
        assertThat(productId).as(products.out()).isNotNull();
        Cli.Result table = customer.run("products", "list", "--q", "Enterprise Cloud");
        assertThat(table.out())
                .contains("NAME")
                .contains(Accounts.COURSE_PRODUCT)
                .contains("2500.00 USD");

        // 2 500 USD needs an approver; the product is named by the first 8 characters of its id.
        Cli.Result placed = customer.run(
                "orders",
                "create",
                "--product",
                productId.substring(0, 8),
                "--input",
                Accounts.courseRequest("Observability with OpenTelemetry", 2).toString(),
                "--json");
        assertThat(placed.exit()).as(placed.toString()).isZero();
        JsonNode order = placed.json();
        assertThat(order.path("status").asString()).isEqualTo("awaiting_approval");
        String orderId = order.path("id").asString();
        String approvalId = order.path("approvalId").asString();

        Cli.Result inbox = admin.run("approvals", "list", "--mine");
        assertThat(inbox.out())
                .contains(approvalId.substring(0, 8))
                .contains("Cora Customer")
                .contains("2500.00 USD");
        Cli.Result approved =
                admin.run("approvals", "approve", approvalId.substring(0, 10), "--comment", "Fits the training budget");
        assertThat(approved.exit()).as(approved.toString()).isZero();
        assertThat(approved.out()).contains("the request is approved");

        // A declined card is explained; the order still awaits payment; a good card pays it.
        Cli.Result declined =
                customer.run("orders", "pay", orderId.substring(0, 8), "--method", "pm_card_chargeDeclined");
        assertThat(declined.exit()).as(declined.toString()).isEqualTo(ExitCodes.REFUSED);
        assertThat(declined.err()).contains("Payment declined: Your card was declined. (card_declined)");
        Cli.Result paid = customer.run("orders", "pay", orderId.substring(0, 8), "--method", "pm_card_visa");
        assertThat(paid.exit()).as(paid.toString()).isZero();
        assertThat(paid.out()).contains("Paid 2500.00 USD");

        // The order's live timeline ends completed; its job is watched, then downloaded as a PDF.
        Cli.Result watched = customer.run("orders", "watch", orderId.substring(0, 8));
        assertThat(watched.exit()).as(watched.toString()).isZero();
        assertThat(watched.out())
                .contains("awaiting_approval", "Approved by", "Paid 2500.00 USD", "fulfilling", "completed");
        String jobId = customer.run("orders", "show", orderId, "--json")
                .json()
                .path("aiJobId")
                .asString();
        Cli.Result job = customer.runProcess("jobs", "watch", jobId.substring(0, 8));
        assertThat(job.exit()).as(job.toString()).isZero();
        assertThat(job.out()).contains("100 %").contains("Job " + jobId.substring(0, 8) + " completed");
        Path pdf = Files.createTempFile(Files.createDirectories(Accounts.WORK), "course", ".pdf");
        Cli.Result download =
                customer.run("jobs", "result", jobId.substring(0, 8), "--format", "pdf", "-o", pdf.toString());
        assertThat(download.exit()).as(download.toString()).isZero();
        byte[] bytes = Files.readAllBytes(pdf);
        assertThat(new String(bytes, 0, 5)).isEqualTo("%PDF-");
        assertThat(bytes.length).isGreaterThan(10_000);
        Cli.Result markdown = customer.run("jobs", "result", jobId, "--format", "md");
        assertThat(markdown.out()).startsWith("# ").contains("Observability with OpenTelemetry");
    }

    @Test
    void anApproverAsksForChangesTheCustomerRevisesThenARejectionEndsTheWatchWithExitSix() throws IOException {
        Cli customer = Accounts.customer(server, "Rex Revise");
        JsonNode order = customer.run(
                        "orders",
                        "create",
                        "--product",
                        Accounts.productId(customer, Accounts.COURSE_PRODUCT),
                        "--input",
                        Accounts.courseRequest("Zero trust networking", 2).toString(),
                        "--json")
                .json();
        String approval = order.path("approvalId").asString().substring(0, 8);
        String id = order.path("id").asString().substring(0, 8);

        Cli.Result changes =
                admin.run("approvals", "request-changes", approval, "--comment", "Add an objective on audits");
        assertThat(changes.out()).as(changes.toString()).contains("the request is changes_requested");
        Cli.Result revised = customer.run(
                "orders",
                "revise",
                id,
                "--input",
                Accounts.courseRequest("Zero trust networking and audits", 3).toString());
        assertThat(revised.out()).as(revised.toString()).contains("revised; its approval starts again");
        assertThat(admin.run("approvals", "show", approval).out())
                .contains("request_changes — Add an objective on audits")
                .contains("reopened");
        Cli.Result noComment = admin.run("approvals", "reject", approval);
        assertThat(noComment.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(admin.run("approvals", "reject", approval, "--comment", "Out of budget this quarter")
                        .exit())
                .isZero();

        Cli.Result watched = customer.run("orders", "watch", id);
        assertThat(watched.exit()).as(watched.toString()).isEqualTo(ExitCodes.NOT_COMPLETED);
        assertThat(watched.out()).contains("rejected").contains("Out of budget this quarter");

        String cheap = customer.run(
                        "orders",
                        "create",
                        "--product",
                        Accounts.productId(customer, "Technical Support: Priority"),
                        "--json")
                .json()
                .path("id")
                .asString();
        assertThat(customer.run("orders", "cancel", cheap, "--reason", "Ordered by mistake")
                        .out())
                .contains("is cancelled");
    }

    @Test
    void anAdminReadsTheStateTheMetricsAndTheAgentsAndGivesARole() {
        Cli customer = Accounts.customer(server, "Pia Promoted");

        Cli.Result state = admin.run("state");
        assertThat(state.out()).as(state.toString()).contains("State v", "201 Course Generator", "orders", "users");
        JsonNode metrics = admin.run("metrics", "--json").json();
        assertThat(metrics.has("orderCompletionRate")).isTrue();
        assertThat(metrics.path("series").size()).isEqualTo(24);
        assertThat(admin.run("agents", "list").out()).contains("205", "Approval Workflow");
        String orderId = customer.run(
                        "orders",
                        "create",
                        "--product",
                        Accounts.productId(customer, Accounts.COURSE_PRODUCT),
                        "--input",
                        Accounts.courseRequest("Capacity planning", 1).toString(),
                        "--json")
                .json()
                .path("id")
                .asString();
        // The ApprovalWorkflowAgent (205) opened the order's approval as a task on the board.
        assertThat(admin.run("agents", "tasks", "--agent", "approval_workflow", "--size", "100")
                        .out())
                .contains("Open approval for order " + orderId);
        assertThat(customer.run("state").exit()).isEqualTo(ExitCodes.REFUSED);

        String email = customer.run("whoami", "--json").json().path("email").asString();
        Cli.Result promoted = admin.run("users", "roles", email, "--add", "approver");
        assertThat(promoted.out()).as(promoted.toString()).contains(email + " now has the roles: customer, approver");
        assertThat(admin.run("users", "list", "--role", "approver", "--q", email)
                        .out())
                .contains(email);
    }

    @Test
    void aCourseJobStartedFromTheClientIsFollowedToTheEnd() {
        Cli customer = Accounts.customer(server, "Jon Jobs");

        Cli.Result run = customer.run(
                "jobs",
                "create",
                "course",
                "--topic",
                "Incident response basics",
                "--audience",
                "On-call engineers",
                "--level",
                "beginner",
                "--hours",
                "1",
                "--objective",
                "Triage",
                "--objective",
                "Mitigate",
                "--objective",
                "Review",
                "--watch");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("running").contains("completed  ").contains("100 %");
        Cli.Result jobs = customer.run("jobs", "list");
        assertThat(jobs.out()).contains("Incident response basics").contains("completed");
    }

    @Test
    void badCredentialsAreRefusedWithExitOneAndStoreNothing() throws IOException {
        Cli stranger = new Cli(Accounts.tempDir(), server.url());

        Cli.Result login = stranger.runProcessWithInput(
                "not the password", "login", "--email", TestServer.ADMIN_EMAIL, "--password-stdin");

        assertThat(login.exit()).isEqualTo(ExitCodes.REFUSED);
        assertThat(login.err()).contains("(invalid_credentials)");
        assertThat(stranger.config().resolve("miyabi/sessions.json"))
                .satisfiesAnyOf(
                        file -> assertThat(file).doesNotExist(),
                        file -> assertThat(Files.readString(file)).doesNotContain("accessToken"));
    }

    @Test
    void unknownIdsAreExitFourAndAForbiddenListIsARefusal() {
        Cli customer = Accounts.customer(server, "Una Known");

        Cli.Result unknown = customer.runProcess("orders", "show", "00000000-0000-4000-8000-000000000000");
        assertThat(unknown.exit()).as(unknown.toString()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(unknown.err()).contains("(not_found)");
        Cli.Result prefix = customer.run("jobs", "show", "ffffffff");
        assertThat(prefix.exit()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(prefix.err()).contains("No job with an id starting with ffffffff");
        Cli.Result agents = customer.run("agents", "list");
        assertThat(agents.exit()).isEqualTo(ExitCodes.REFUSED);
        assertThat(agents.err()).contains("(forbidden)");
    }

    @Test
    void aServerThatIsDownIsExitFiveBeforeAnyLoginIsChecked() throws IOException {
        Cli nobody = new Cli(Accounts.tempDir(), "http://127.0.0.1:9");

        Cli.Result orders = nobody.runProcess("orders", "list");
        assertThat(orders.exit()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(orders.err()).contains("Cannot reach the server at http://127.0.0.1:9");

        Cli.Result notLoggedIn = new Cli(Accounts.tempDir(), server.url()).runProcess("orders", "list");
        assertThat(notLoggedIn.exit()).isEqualTo(ExitCodes.NOT_LOGGED_IN);
        assertThat(notLoggedIn.err()).contains("Not logged in to " + server.url());
    }

    @Test
    void anExpiredTokenIsRefreshedAndARevokedSessionAsksToLogInAgain() throws IOException {
        Cli customer = Accounts.customer(server, "Ren Fresh");
        Path sessions = customer.config().resolve("miyabi/sessions.json");
        String before = refreshToken(sessions);

        expireAccessToken(sessions);
        Cli.Result refreshed = customer.run("whoami");
        assertThat(refreshed.exit()).as(refreshed.toString()).isZero();
        assertThat(refreshed.out()).contains("Ren Fresh");
        assertThat(refreshToken(sessions)).isNotEqualTo(before);

        // Signed out from another copy of the session: this one's refresh is refused for good.
        Path elsewhere = Accounts.tempDir();
        Files.createDirectories(elsewhere.resolve("miyabi"));
        Files.copy(sessions, elsewhere.resolve("miyabi/sessions.json"));
        assertThat(new Cli(elsewhere, server.url()).run("logout").exit()).isZero();
        expireAccessToken(sessions);
        Cli.Result ended = customer.run("orders", "list");
        assertThat(ended.exit()).as(ended.toString()).isEqualTo(ExitCodes.NOT_LOGGED_IN);
        assertThat(ended.err()).contains("has ended").contains("miyabi login");
        assertThat(customer.run("whoami").err()).contains("Not logged in");
    }

    @Test
    void searchFindsTheDemoCatalogsProducts() {
        Cli customer = Accounts.customer(server, "Sam Search");

        // The demo catalog is indexed by a job at the server's first start: wait for it.
        List<String> titles = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> {
                            Cli.Result search =
                                    customer.run("search", "cloud", "architecture", "--types", "product", "--json");
                            assertThat(search.exit()).as(search.toString()).isZero();
                            List<String> found = new ArrayList<>();
                            search.json()
                                    .path("results")
                                    .forEach(result ->
                                            found.add(result.path("title").asString()));
                            return found;
                        },
                        found -> found.contains(Accounts.COURSE_PRODUCT));
        assertThat(titles).contains(Accounts.COURSE_PRODUCT);

        Cli.Result words = customer.run("search", "cloud", "architecture");
        assertThat(words.exit()).as(words.toString()).isZero();
        assertThat(words.out()).contains(Accounts.COURSE_PRODUCT);
    }

    private static String refreshToken(Path sessions) throws IOException {
        JsonNode all = JsonMapper.builder().build().readTree(Files.readString(sessions));
        return all.properties()
                .iterator()
                .next()
                .getValue()
                .path("refreshToken")
                .asString();
    }

    private static void expireAccessToken(Path sessions) throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        ObjectNode all = (ObjectNode) json.readTree(Files.readString(sessions));
        all.properties()
                .forEach(entry -> ((ObjectNode) entry.getValue())
                        .put(
                                "accessTokenExpiresAt",
                                Instant.now().minusSeconds(1).toString()));
        Files.writeString(sessions, json.writeValueAsString(all));
    }
}
