package dev.miyabi.platform.agents.web;

import dev.miyabi.platform.agents.AgentOverview;
import dev.miyabi.platform.agents.AgentTask;
import dev.miyabi.platform.agents.AgentTaskFilter;
import dev.miyabi.platform.agents.AgentTaskStatus;
import dev.miyabi.platform.agents.AgentTaskView;
import dev.miyabi.platform.agents.AgentType;
import dev.miyabi.platform.agents.Orchestrator;
import dev.miyabi.platform.identity.CurrentUser;
import dev.miyabi.platform.shared.ApiException;
import dev.miyabi.platform.shared.FieldViolation;
import dev.miyabi.platform.shared.PageQuery;
import dev.miyabi.platform.shared.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/agents")
@PreAuthorize("hasAnyRole('approver', 'admin')")
@Tag(name = "Agents", description = "The five business agents and their task board (approvers and admins)")
class AgentController {

    private final Orchestrator orchestrator;

    AgentController(Orchestrator orchestrator) {
        this.orchestrator = orchestrator;
    }

    @GetMapping
    @Operation(summary = "The five agents with their status and task counts")
    List<AgentOverview> agents() {
        return orchestrator.agents();
    }

    @GetMapping("/tasks")
    @Operation(summary = "Tasks on the board, newest first; filter by status and agent (type or id)")
    PageResponse<AgentTaskView> tasks(
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String agent,
            @RequestParam(required = false) @Nullable Integer page,
            @RequestParam(required = false) @Nullable Integer size,
            @RequestParam(required = false) @Nullable String sort) {
        List<FieldViolation> errors = new ArrayList<>();
        AgentTaskStatus statusFilter = null;
        if (status != null && !status.isBlank()) {
            statusFilter = AgentTaskStatus.parse(status).orElse(null);
            if (statusFilter == null) {
                errors.add(new FieldViolation(
                        "status", "must be one of submitted, working, completed, failed, cancelled"));
            }
        }
        AgentType agentFilter = null;
        if (agent != null && !agent.isBlank()) {
            agentFilter = AgentType.parse(agent).orElse(null);
            if (agentFilter == null) {
                errors.add(
                        new FieldViolation("agent", "must be an agent type (e.g. course_generator) or id (201-205)"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        PageQuery query = PageQuery.of(page, size, sort, Orchestrator.SORTABLE, "createdAt,desc");
        return orchestrator
                .tasks(new AgentTaskFilter(statusFilter, agentFilter), query)
                .map(AgentTaskView::of);
    }

    @GetMapping("/tasks/{id}")
    @Operation(summary = "One task with its input and result")
    AgentTask task(@PathVariable UUID id) {
        return orchestrator.find(id).orElseThrow(() -> ApiException.notFound("Agent task"));
    }

    @PostMapping("/tasks/{id}/retry")
    @PreAuthorize("hasRole('admin')")
    @Operation(summary = "Retry a failed task (at most 3 times)")
    AgentTaskView retry(@PathVariable UUID id, CurrentUser admin) {
        return AgentTaskView.of(orchestrator.retry(id, admin.id()));
    }

    @PostMapping("/tasks/{id}/cancel")
    @PreAuthorize("hasRole('admin')")
    @Operation(summary = "Cancel a submitted or working task (and its AI job)")
    AgentTaskView cancel(@PathVariable UUID id, CurrentUser admin) {
        return AgentTaskView.of(orchestrator.cancel(id, admin.id()));
    }
}
