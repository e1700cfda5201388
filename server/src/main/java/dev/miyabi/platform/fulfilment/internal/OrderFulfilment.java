package dev.miyabi.platform.fulfilment.internal;

import dev.miyabi.platform.agents.AgentExecution;
import dev.miyabi.platform.agents.AgentTask;
import dev.miyabi.platform.agents.AgentTaskRequest;
import dev.miyabi.platform.agents.AgentType;
import dev.miyabi.platform.agents.Orchestrator;
import dev.miyabi.platform.aijobs.AiJobs;
import dev.miyabi.platform.aijobs.Job;
import dev.miyabi.platform.aijobs.JobCancelled;
import dev.miyabi.platform.aijobs.JobCompleted;
import dev.miyabi.platform.aijobs.JobFailed;
import dev.miyabi.platform.aijobs.JobStatus;
import dev.miyabi.platform.aijobs.NewJob;
import dev.miyabi.platform.catalog.ProductCategory;
import dev.miyabi.platform.fulfilment.FulfilmentRoute;
import dev.miyabi.platform.generation.GenerationJobs;
import dev.miyabi.platform.identity.UserDirectory;
import dev.miyabi.platform.identity.UserSummary;
import dev.miyabi.platform.orders.OrderSnapshot;
import dev.miyabi.platform.orders.OrderStatus;
import dev.miyabi.platform.orders.OrderStatusChanged;
import dev.miyabi.platform.orders.Orders;
import dev.miyabi.platform.orders.TimelineNote;
import dev.miyabi.platform.shared.Actor;
import dev.miyabi.platform.shared.database.AdvisoryLocks;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Routes paid orders to their work and keeps order and work in step. Every listener runs in a transaction
 * of its own after the change it reacts to committed (Spring Modulith's registry redelivers it after a
 * crash); each re-reads the current state and does nothing when the work is done already, so a redelivered
 * or late event changes nothing.
 *
 * <p>Consulting and support orders become manual tasks on the board. None of the five agents does
 * people's work, so the task is filed under the agent whose domain is closest: consulting under the
 * DocumentGenerator (202; a consulting engagement delivers written recommendations: proposals, reports),
 * support under ContentSearch (203; support answers questions from the product knowledge). The tasks are
 * {@code manual}: no agent code runs them, and an admin completing the order completes the task.
 */
@Component
class OrderFulfilment {

    private static final Logger log = LoggerFactory.getLogger(OrderFulfilment.class);
    private static final int MAX_NOTE = 500;

    private final Orders orders;
    private final AiJobs jobs;
    private final Orchestrator orchestrator;
    private final Fulfilments fulfilments;
    private final UserDirectory users;
    private final JdbcClient jdbc;

    OrderFulfilment(
            Orders orders,
            AiJobs jobs,
            Orchestrator orchestrator,
            Fulfilments fulfilments,
            UserDirectory users,
            JdbcClient jdbc) {
        this.orders = orders;
        this.jobs = jobs;
        this.orchestrator = orchestrator;
        this.fulfilments = fulfilments;
        this.users = users;
        this.jdbc = jdbc;
    }

    @ApplicationModuleListener
    void on(OrderStatusChanged event) {
        UUID orderId = event.order().id();
        switch (event.to()) {
            case PAID -> route(orderId);
            case COMPLETED -> endStaffTask(orderId, true, event.entry().note());
            case FAILED -> endStaffTask(orderId, false, event.entry().note());
            case CANCELLED -> stopWork(orderId);
            default -> {}
        }
    }

    /** Starts the work of a paid order, once. */
    void route(UUID orderId) {
        AdvisoryLocks.lockForTransaction(jdbc, "fulfilment:" + orderId);
        if (fulfilments.find(orderId).isPresent()) {
            log.debug("Order {} is routed already", orderId);
            return;
        }
        OrderSnapshot order = orders.find(orderId).orElse(null);
        if (order == null || order.status() != OrderStatus.PAID) {
            return;
        }
        switch (order.category()) {
            case AI_COURSE_GENERATION -> startJob(order, GenerationJobs.COURSE, AgentType.COURSE_GENERATOR);
            case AI_DOCUMENT_GENERATION -> startJob(order, GenerationJobs.DOCUMENT, AgentType.DOCUMENT_GENERATOR);
            case AI_SEARCH_SERVICE -> grantSearchAccess(order);
            case BUSINESS_CONSULTING, TECHNICAL_SUPPORT -> assignToStaff(order);
        }
    }

    private void startJob(OrderSnapshot order, String type, AgentType agent) {
        JsonNode input = order.input();
        if (input == null) {
            fulfilments.insert(order.id(), FulfilmentRoute.AI_JOB, null, null);
            orders.fail(
                    order.id(),
                    agent.actor(),
                    TimelineNote.of(TimelineNote.Kind.NO_GENERATION_INPUT, "The order has no generation input"));
            return;
        }
        Job job = jobs.enqueue(NewJob.of(type, input, order.userId()).forOrder(order.id()));
        fulfilments.insert(order.id(), FulfilmentRoute.AI_JOB, job.id(), null);
        orders.startFulfilment(
                order.id(),
                job.id(),
                agent.actor(),
                TimelineNote.of(TimelineNote.Kind.AI_JOB_QUEUED, "Queued AI job " + job.id())
                        .with("jobId", job.id()));
        log.info(
                "Order {} ({}) is fulfilled by AI job {}",
                order.id(),
                order.category().value(),
                job.id());
    }

    private void grantSearchAccess(OrderSnapshot order) {
        Actor agent = AgentType.CONTENT_SEARCH.actor();
        fulfilments.insert(order.id(), FulfilmentRoute.SEARCH_ACCESS, null, null);
        orders.startFulfilment(
                order.id(),
                null,
                agent,
                TimelineNote.of(TimelineNote.Kind.SEARCH_ACCESS_GRANTING, "Granting search access"));
        ObjectNode input = JsonNodeFactory.instance
                .objectNode()
                .put("orderId", order.id().toString())
                .put("userId", order.userId().toString())
                .put("productId", order.productId().toString())
                .put("productName", order.productName())
                .put("quantity", order.quantity());
        AgentExecution execution = orchestrator.execute(
                AgentTaskRequest.of(AgentType.CONTENT_SEARCH, title("Grant search access: ", order), input)
                        .withResource("order", order.id()));
        fulfilments.linkTask(order.id(), execution.task().id());
        if (execution.result().succeeded()) {
            JsonNode grant = execution.result().data();
            String until = grant == null ? null : grant.path("expiresAt").asString(null);
            orders.complete(
                    order.id(),
                    agent,
                    TimelineNote.of(
                                    TimelineNote.Kind.SEARCH_ACCESS_GRANTED,
                                    "Search access until " + (until == null ? "?" : until))
                            .with("until", until));
        } else {
            String error = note(String.valueOf(execution.result().error()));
            orders.fail(
                    order.id(),
                    agent,
                    TimelineNote.of(
                                    TimelineNote.Kind.SEARCH_ACCESS_FAILED,
                                    note("Search access could not be granted: " + error))
                            .with("error", error));
        }
    }

    private void assignToStaff(OrderSnapshot order) {
        AgentType desk = order.category() == ProductCategory.BUSINESS_CONSULTING
                ? AgentType.DOCUMENT_GENERATOR
                : AgentType.CONTENT_SEARCH;
        String prefix = order.category() == ProductCategory.BUSINESS_CONSULTING ? "Consulting: " : "Support: ";
        ObjectNode input = JsonNodeFactory.instance
                .objectNode()
                .put("orderId", order.id().toString())
                .put("userId", order.userId().toString())
                .put("productId", order.productId().toString())
                .put("productName", order.productName())
                .put("category", order.category().value())
                .put("quantity", order.quantity());
        if (order.input() != null) {
            input.set("notes", order.input());
        }
        AgentTask task = orchestrator.submit(
                AgentTaskRequest.of(desk, title(prefix, order), input).withResource("order", order.id()));
        fulfilments.insert(order.id(), FulfilmentRoute.STAFF_TASK, null, task.id());
        orders.startFulfilment(
                order.id(),
                null,
                Actor.system(),
                TimelineNote.of(TimelineNote.Kind.ASSIGNED_TO_STAFF, "Assigned to staff: agent task " + task.id())
                        .with("taskId", task.id()));
    }

    /** An admin completed (or failed) a staff-fulfilled order: its board task follows. */
    private void endStaffTask(UUID orderId, boolean completed, @Nullable String note) {
        Optional<UUID> taskId = fulfilments
                .find(orderId)
                .filter(row -> row.route() == FulfilmentRoute.STAFF_TASK)
                .map(Fulfilments.Row::agentTaskId);
        if (taskId.isEmpty()) {
            return;
        }
        Optional<AgentTask> task =
                orchestrator.find(taskId.get()).filter(t -> t.status().isOpen());
        if (task.isEmpty()) {
            return;
        }
        if (completed) {
            ObjectNode result = JsonNodeFactory.instance.objectNode().put("orderId", orderId.toString());
            if (note != null) {
                result.put("note", note);
            }
            orchestrator.complete(task.get().id(), result);
        } else {
            orchestrator.fail(task.get().id(), note == null ? "The order failed" : note);
        }
    }

    /** An admin cancelled the order: its job or task stops too. */
    private void stopWork(UUID orderId) {
        Optional<Fulfilments.Row> row = fulfilments.find(orderId);
        if (row.isEmpty()) {
            return;
        }
        UUID jobId = row.get().aiJobId();
        if (jobId != null) {
            jobs.find(jobId)
                    .filter(job -> job.status() == JobStatus.QUEUED || job.status() == JobStatus.RUNNING)
                    .filter(job -> !job.cancelRequested())
                    .ifPresent(job -> jobs.cancel(job.id()));
        }
        UUID taskId = row.get().agentTaskId();
        if (taskId != null && row.get().route() == FulfilmentRoute.STAFF_TASK) {
            orchestrator
                    .find(taskId)
                    .filter(task -> task.status().isOpen())
                    .ifPresent(task -> orchestrator.cancel(task.id(), null));
        }
    }

    @ApplicationModuleListener
    void on(JobCompleted event) {
        forOrderJob(event.job()).ifPresent(order -> {
            if (order.status() == OrderStatus.FULFILLING) {
                orders.complete(
                        order.id(),
                        agentOf(event.job()).actor(),
                        TimelineNote.of(TimelineNote.Kind.AI_JOB_COMPLETED, "AI job " + event.jobId() + " completed")
                                .with("jobId", event.jobId()));
            }
        });
    }

    @ApplicationModuleListener
    void on(JobFailed event) {
        forOrderJob(event.job()).ifPresent(order -> {
            if (order.status() == OrderStatus.FULFILLING || order.status() == OrderStatus.PAID) {
                orders.fail(
                        order.id(),
                        agentOf(event.job()).actor(),
                        TimelineNote.of(
                                        TimelineNote.Kind.AI_JOB_FAILED,
                                        note("AI job " + event.jobId() + " failed: "
                                                + event.job().error()))
                                .with("jobId", event.jobId())
                                .with(
                                        "error",
                                        event.job().error() == null
                                                ? null
                                                : note(event.job().error())));
            }
        });
    }

    @ApplicationModuleListener
    void on(JobCancelled event) {
        forOrderJob(event.job()).ifPresent(order -> {
            if (order.status() == OrderStatus.FULFILLING || order.status() == OrderStatus.PAID) {
                // Whoever asked for the job's cancellation (an admin) cancelled the order; else the platform did.
                Actor by = event.cancelledBy() == null
                        ? Actor.system()
                        : Actor.user(
                                event.cancelledBy(),
                                users.find(event.cancelledBy())
                                        .map(UserSummary::displayName)
                                        .orElse("Unknown user"));
                orders.cancel(
                        order.id(),
                        by,
                        TimelineNote.of(
                                        TimelineNote.Kind.AI_JOB_CANCELLED,
                                        "AI job " + event.jobId() + " was cancelled")
                                .with("jobId", event.jobId()));
            }
        });
    }

    /** The order a job fulfils, when this module routed it there (locked against a parallel listener). */
    private Optional<OrderSnapshot> forOrderJob(Job job) {
        UUID orderId = job.orderId();
        if (orderId == null) {
            return Optional.empty();
        }
        AdvisoryLocks.lockForTransaction(jdbc, "fulfilment:" + orderId);
        return fulfilments
                .find(orderId)
                .filter(row -> job.id().equals(row.aiJobId()))
                .flatMap(row -> orders.find(orderId));
    }

    private static AgentType agentOf(Job job) {
        return job.type().equals(GenerationJobs.DOCUMENT) ? AgentType.DOCUMENT_GENERATOR : AgentType.COURSE_GENERATOR;
    }

    private static String title(String prefix, OrderSnapshot order) {
        String title = prefix + order.productName() + " (order "
                + order.id().toString().substring(0, 8) + ")";
        return title.length() > 255 ? title.substring(0, 255) : title;
    }

    private static String note(String text) {
        return text.length() > MAX_NOTE ? text.substring(0, MAX_NOTE - 1) + "…" : text;
    }
}
