package dev.miyabi.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The scrape configuration, alert rules and Grafana dashboard under deploy/observability. That the
 * metric names they read exist is checked against a running server in {@code
 * ContainerStartIntegrationTests}.
 */
class ObservabilityFilesTests {

    @Test
    void shouldReadMetricNamesOutOfPromQl() {
        assertThat(
                        PromQl.metricNames(
                                "histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket{uri=~\"/api/.*\"}[5m])))"
                                        + " > 1 and sum(rate(http_server_requests_seconds_count{outcome=\"SERVER_ERROR\"}[5m])) > 0.1"))
                .containsExactly("http_server_requests_seconds_bucket", "http_server_requests_seconds_count");
        assertThat(PromQl.metricNames("max(miyabi_jobs_queue_age_seconds) > 300 or up{job=\"miyabi\"} == 0"))
                .containsExactly("miyabi_jobs_queue_age_seconds", "up");
        assertThat(PromQl.metricNames("sum(increase(miyabi_orders_finished_total{status=\"completed\"}[$__range]))"))
                .containsExactly("miyabi_orders_finished_total");
    }

    @Test
    void shouldAlertOnJobFailuresPaymentFailuresQueueAgeAndP99() {
        Map<String, String> alerts = PromQl.alerts();
        assertThat(alerts.values())
                .anySatisfy(expr -> assertThat(expr).contains("miyabi_jobs_finished_total{outcome=\"failed\"}"))
                .anySatisfy(expr -> assertThat(expr).contains("miyabi_payments_settled_total{outcome=\"failed\"}"))
                .anySatisfy(expr -> assertThat(expr).contains("miyabi_jobs_queue_age_seconds"))
                .anySatisfy(expr -> assertThat(expr)
                        .contains("histogram_quantile(0.99")
                        .contains("http_server_requests_seconds_bucket"));
        assertThat(alertRules()).allSatisfy(rule -> {
            assertThat(rule).containsKeys("alert", "expr", "for", "labels", "annotations");
            assertThat(((Map<?, ?>) rule.get("labels")).containsKey("severity")).isTrue();
            assertThat(((Map<?, ?>) rule.get("annotations")).containsKey("summary"))
                    .isTrue();
        });
    }

    @Test
    void shouldChartTheSummaryKpisAndApiLatency() {
        List<String> queries = PromQl.dashboardQueries();
        assertThat(queries)
                .isNotEmpty()
                .allSatisfy(query -> assertThat(query).isNotBlank())
                .anySatisfy(query -> assertThat(query).contains("miyabi_orders_finished_total{status=\"completed\"}"))
                .anySatisfy(query -> assertThat(query).contains("miyabi_jobs_finished_total{outcome=\"completed\"}"))
                .anySatisfy(query -> assertThat(query).contains("miyabi_payments_settled_total{outcome=\"succeeded\"}"))
                .anySatisfy(query -> assertThat(query).contains("max(miyabi_jobs_queued)"))
                .anySatisfy(query -> assertThat(query).contains("max(miyabi_jobs_running)"))
                .anySatisfy(query -> assertThat(query).contains("histogram_quantile(0.95"));
        JsonNode dashboard = PromQl.dashboard();
        assertThat(dashboard.path("uid").asText()).isNotBlank();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("gridPos").path("w").asInt()).isBetween(1, 24);
            if (!panel.path("type").asText().equals("row")) {
                assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldScrapeThePathThePodsAnnounceAndTheServerExposes() {
        Map<String, Object> config = new Yaml().load(Repository.read("deploy/observability/prometheus.yml"));
        assertThat((List<String>) config.get("rule_files")).contains("alerts.yml");
        Map<String, Object> job = ((List<Map<String, Object>>) config.get("scrape_configs")).getFirst();
        String path = (String) job.get("metrics_path");
        assertThat(ServerSettings.actuatorPaths()).contains(path);
        assertThat(path).endsWith("/prometheus");
        assertThat(KubernetesManifestTests.base()
                        .deployment()
                        .getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getAnnotations())
                .containsEntry("prometheus.io/path", path)
                .containsEntry("prometheus.io/port", "8080");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> alertRules() {
        Map<String, Object> file = new Yaml().load(Repository.read("deploy/observability/alerts.yml"));
        return ((List<Map<String, Object>>) file.get("groups"))
                .stream()
                        .flatMap(group -> ((List<Map<String, Object>>) group.get("rules")).stream())
                        .toList();
    }
}
