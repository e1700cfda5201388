package dev.miyabi.platform.state.internal;

import dev.miyabi.platform.state.MetricsSummary;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@PreAuthorize("hasRole('admin')")
@Tag(name = "State")
class MetricsController {

    private final MetricsService metrics;

    MetricsController(MetricsService metrics) {
        this.metrics = metrics;
    }

    @GetMapping("/api/admin/metrics/summary")
    @Operation(
            summary = "Rates, queue and p95 API latency over the last hours, with an hourly series",
            description = "`hours` 1–168 (default 24): the current hour and the ones before it, UTC")
    MetricsSummary summary(@RequestParam(required = false) @Nullable Integer hours) {
        return metrics.summary(hours);
    }
}
