package dev.miyabi.cli.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.cli.api.Json;
import dev.miyabi.cli.api.Realtime;
import dev.miyabi.cli.output.Text;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DashboardViewTests {

    private static final String ME = "ed10c951-1c8a-4b0d-8bc6-31fc1ba7caf4";

    private static JsonNode json(String text) {
        return Json.MAPPER.readTree(text);
    }

    private static JsonNode job(int version, String status, int done) {
        return json("""
                {"id":"05ef5388-eecc-4d31-a0c2-daf86a40ab07","userId":"%s","type":"course_generation","status":"%s",
                 "version":%d,"input":{"topic":"Kubernetes in production"},"createdAt":"2026-12-06T09:07:31Z",
                 "progress":{"completedSteps":%d,"totalSteps":20,"message":"Writing lesson %d"}}""".formatted(ME, status, version, done, done));
    }

    private static DashboardModel customer() {
        DashboardModel model = new DashboardModel(
                json("{\"id\":\"" + ME
                        + "\",\"email\":\"cora@example.com\",\"name\":\"Cora\",\"roles\":[\"customer\"]}"),
                "http://localhost:8080");
        model.connection = Realtime.Status.ONLINE;
        return model;
    }

    @Test
    void aCustomersDashboardFitsEightyByTwentyFourWithEveryPane() {
        DashboardModel model = customer();
        model.putJob(job(3, "running", 9));

        String screen =
                DashboardView.render(model, new UiState(), 80, 24, true, 0).plain();

        assertThat(screen.lines())
                .hasSize(24)
                .allSatisfy(line -> assertThat(Text.width(line)).isEqualTo(80));
        assertThat(screen).contains("Jobs (1)", "Orders", "Approvals", "Agents", "● live");
        assertThat(screen).contains("Kubernetes").contains("█████░░░░░  45% running");
        assertThat(screen).contains("Nothing waiting for your decision.").contains("201 Course Generator");
        assertThat(screen).doesNotContain("KPIs");
    }

    @Test
    void anOlderVersionOfAJobNeverReplacesANewerOne() {
        DashboardModel model = customer();
        model.putJob(job(7, "completed", 20));
        model.putJob(job(5, "running", 12));

        assertThat(model.jobs())
                .singleElement()
                .satisfies(job -> assertThat(job.path("status").asString()).isEqualTo("completed"));
    }

    @Test
    void anotherUsersJobIsNotMine() {
        DashboardModel model = customer();

        assertThat(model.putJob(json("{\"id\":\"x\",\"userId\":\"someone-else\",\"version\":1}")))
                .isFalse();
        assertThat(model.jobs()).isEmpty();
    }

    @Test
    void aTerminalTooSmallSaysSo() {
        String screen =
                DashboardView.render(customer(), new UiState(), 40, 10, true, 0).plain();

        assertThat(screen).contains("Terminal too small: 40×10, needs 60×16");
    }
}
