package dev.miyabi.cli.tui;

import dev.miyabi.cli.api.Realtime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What the dashboard shows, kept current from REST reads and {@code /ws} events. Jobs and orders
 * are the signed-in user's own; a snapshot never replaces a newer {@code version} of a resource,
 * so a slow read racing an event cannot move the screen backwards. Touched by the UI thread only.
 */
final class DashboardModel {

    static final int KEEP = 50;

    final String userId;
    final String email;
    final String name;
    final Set<String> roles = new HashSet<>();
    final String server;

    private final Map<String, JsonNode> jobs = new LinkedHashMap<>();
    private final Map<String, JsonNode> orders = new LinkedHashMap<>();
    List<JsonNode> inbox = List.of();
    List<JsonNode> agents = List.of();
    JsonNode state;
    JsonNode metrics;
    Realtime.Status connection = Realtime.Status.CONNECTING;
    String connectionDetail;

    DashboardModel(JsonNode me, String server) {
        this.userId = me.path("id").asString();
        this.email = me.path("email").asString("");
        this.name = me.path("name").asString("");
        me.path("roles").forEach(role -> roles.add(role.asString()));
        this.server = server;
    }

    boolean isAdmin() {
        return roles.contains("admin");
    }

    /** Approvers and admins may read the agents and their board. */
    boolean seesAgents() {
        return roles.contains("approver") || isAdmin();
    }

    /** Keeps a job of mine, unless a newer version is already here. */
    boolean putJob(JsonNode job) {
        return put(jobs, job);
    }

    boolean putOrder(JsonNode order) {
        return put(orders, order);
    }

    private boolean put(Map<String, JsonNode> resources, JsonNode resource) {
        if (!userId.equals(resource.path("userId").asString(""))) {
            return false;
        }
        String id = resource.path("id").asString();
        JsonNode known = resources.get(id);
        if (known != null
                && known.path("version").asLong(-1) > resource.path("version").asLong(-1)) {
            return false;
        }
        resources.put(id, resource);
        return true;
    }

    List<JsonNode> jobs() {
        return newestFirst(jobs);
    }

    List<JsonNode> orders() {
        return newestFirst(orders);
    }

    private static List<JsonNode> newestFirst(Map<String, JsonNode> resources) {
        List<JsonNode> list = new ArrayList<>(resources.values());
        list.sort(Comparator.comparing(
                        (JsonNode resource) -> resource.path("createdAt").asString(""))
                .reversed());
        return list.size() > KEEP ? list.subList(0, KEEP) : list;
    }

    /** The agents' rows: {@code /api/agents}, or the live state's agents for admins. */
    void agentsFromState(JsonNode state) {
        List<JsonNode> fromState = new ArrayList<>();
        state.path("agentState").path("agents").forEach(fromState::add);
        if (!fromState.isEmpty()) {
            agents = fromState;
        }
    }
}
