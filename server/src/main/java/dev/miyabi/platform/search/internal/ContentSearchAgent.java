package dev.miyabi.platform.search.internal;

import dev.miyabi.platform.agents.Agent;
import dev.miyabi.platform.agents.AgentContext;
import dev.miyabi.platform.agents.AgentResult;
import dev.miyabi.platform.agents.AgentTask;
import dev.miyabi.platform.agents.AgentType;
import dev.miyabi.platform.aijobs.JobContext;
import dev.miyabi.platform.search.SearchAccessGrant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * ContentSearchAgent (203) as an {@link Agent}, for the work that reaches it as queued data:
 *
 * <ul>
 *   <li>inside an indexing job ({@value IndexingJobs#TYPE}, see {@link IndexingJobs}): embed the passages
 *       waiting for vectors (after re-chunking everything, for a reindex);
 *   <li>otherwise a search-service order's fulfilment: the task input names the user, the order, the
 *       product (plan) and the quantity, and it grants that many access periods.
 * </ul>
 *
 * Searches and answers are typed calls of the search service, recorded on the board by {@link SearchTasks}.
 */
@Component
class ContentSearchAgent implements Agent {

    private final SearchAccessService access;
    private final IndexingJobs indexing;

    ContentSearchAgent(SearchAccessService access, IndexingJobs indexing) {
        this.access = access;
        this.indexing = indexing;
    }

    @Override
    public AgentType type() {
        return AgentType.CONTENT_SEARCH;
    }

    @Override
    public AgentResult execute(AgentTask task, AgentContext context) {
        Optional<JobContext> job =
                context.job().filter(j -> IndexingJobs.TYPE.equals(j.job().type()));
        if (job.isPresent()) {
            try {
                return AgentResult.success(indexing.run(job.get()));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        JsonNode input = task.input();
        UUID userId = uuid(input.path("userId"));
        if (userId == null) {
            return AgentResult.failed("The task names no user to grant search access to (input.userId)");
        }
        String plan = input.path("productName").asString("Search access");
        SearchAccessGrant grant = access.grant(
                userId,
                uuid(input.path("orderId")),
                uuid(input.path("productId")),
                plan.isBlank() ? "Search access" : plan,
                input.path("quantity").asInt(1));
        return AgentResult.success(JsonNodeFactory.instance
                .objectNode()
                .put("grantId", grant.id().toString())
                .put("userId", grant.userId().toString())
                .put("plan", grant.plan())
                .put("startsAt", grant.startsAt().toString())
                .put("expiresAt", grant.expiresAt().toString()));
    }

    private static @Nullable UUID uuid(JsonNode value) {
        try {
            return value.isString() ? UUID.fromString(value.asString()) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
