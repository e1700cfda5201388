package dev.miyabi.platform.github.internal;

import dev.miyabi.platform.agents.AgentTask;
import dev.miyabi.platform.agents.AgentTaskStatus;
import dev.miyabi.platform.agents.AgentType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What an issue says about its task: title, body with the hidden marker {@code <!-- miyabi-task:<id> -->},
 * and the label set — exactly one {@code a2a:<status>}, {@code agent:<type>} and {@code priority:P0..P3}.
 *
 * <p>Priority mapping (the board's integer, higher first): 100 and above → P0, 1–99 → P1, 0 (the default)
 * → P2, below 0 → P3.
 */
final class IssueContent {

    static final String STATUS_PREFIX = "a2a:";
    static final String CANCELLED_LABEL = STATUS_PREFIX + AgentTaskStatus.CANCELLED.value();
    private static final Pattern MARKER = Pattern.compile("<!-- miyabi-task:([0-9a-f-]{36}) -->");

    /** Every label the mirror uses, with a distinct colour each (hex without {@code #}) and a description. */
    static final Map<String, String[]> LABELS = labels();

    private IssueContent() {}

    static String marker(UUID taskId) {
        return "<!-- miyabi-task:" + taskId + " -->";
    }

    static Optional<UUID> taskOf(@Nullable String body) {
        if (body == null) {
            return Optional.empty();
        }
        Matcher m = MARKER.matcher(body);
        return m.find() ? Optional.of(UUID.fromString(m.group(1))) : Optional.empty();
    }

    static String title(AgentTask task) {
        return "[" + task.agentType().value() + "] " + task.title();
    }

    static String body(AgentTask task, @Nullable String webUrl) {
        StringBuilder body = new StringBuilder();
        body.append("Agent task on the Miyabi board, mirrored here. The board is the source of truth: close as")
                .append(" *not planned* or add `")
                .append(CANCELLED_LABEL)
                .append("` to cancel it; comment `/retry` on a failed task to retry it.\n\n");
        body.append("| | |\n|---|---|\n");
        body.append("| Agent | ")
                .append(task.agentType().displayName())
                .append(" (`")
                .append(task.agentType().value())
                .append("`, ")
                .append(task.agentType().id())
                .append(") |\n");
        body.append("| Resource | ").append(resource(task, webUrl)).append(" |\n");
        body.append("| Priority | ")
                .append(priorityLabel(task.priority()).substring("priority:".length()))
                .append(" (")
                .append(task.priority())
                .append(") |\n");
        body.append("| Attempts | ").append(task.retryCount() + 1).append(" |\n");
        body.append("| Task | `").append(task.id()).append("` |\n\n");
        body.append(marker(task.id())).append('\n');
        return body.toString();
    }

    private static String resource(AgentTask task, @Nullable String webUrl) {
        if (task.resourceType() == null) {
            return "—";
        }
        String text = task.resourceType() + " `" + task.resourceId() + "`";
        if (webUrl == null || webUrl.isBlank()) {
            return text;
        }
        String root = webUrl.endsWith("/") ? webUrl.substring(0, webUrl.length() - 1) : webUrl;
        String path = task.resourceType().equals("order") ? "/orders/" + task.resourceId() : "/admin/dashboard";
        return "[" + text + "](" + root + path + ")";
    }

    static List<String> labels(AgentTask task) {
        return labels(task.status(), task.agentType(), task.priority());
    }

    static List<String> labels(AgentTaskStatus status, AgentType agent, int priority) {
        List<String> labels = new ArrayList<>(3);
        labels.add(STATUS_PREFIX + status.value());
        labels.add("agent:" + agent.value());
        labels.add(priorityLabel(priority));
        return labels;
    }

    static String priorityLabel(int priority) {
        if (priority >= 100) {
            return "priority:P0";
        }
        if (priority > 0) {
            return "priority:P1";
        }
        return priority == 0 ? "priority:P2" : "priority:P3";
    }

    /** One short comment per status change. */
    static String comment(AgentTaskStatus status, @Nullable AgentTaskStatus previous, int retryCount) {
        String change = previous == null ? status.value() : previous.value() + " → " + status.value();
        String retry = previous == AgentTaskStatus.FAILED && status == AgentTaskStatus.SUBMITTED
                ? " (retry " + retryCount + " of 3)"
                : "";
        return "Status: **" + change + "**" + retry;
    }

    private static Map<String, String[]> labels() {
        Map<String, String[]> labels = new LinkedHashMap<>();
        labels.put("a2a:submitted", new String[] {"c5def5", "Agent task submitted"});
        labels.put("a2a:working", new String[] {"1d76db", "An agent is working on it"});
        labels.put("a2a:completed", new String[] {"0e8a16", "Agent task completed"});
        labels.put("a2a:failed", new String[] {"d93f0b", "Agent task failed; comment /retry to retry"});
        labels.put("a2a:cancelled", new String[] {"6a737d", "Agent task cancelled"});
        String[] agentColours = {"5319e7", "8250df", "0052cc", "006b75", "bfd4f2"};
        for (AgentType type : AgentType.values()) {
            labels.put(
                    "agent:" + type.value(),
                    new String[] {agentColours[type.ordinal() % agentColours.length], type.displayName()});
        }
        labels.put("priority:P0", new String[] {"b60205", "Most urgent"});
        labels.put("priority:P1", new String[] {"e99695", "High priority"});
        labels.put("priority:P2", new String[] {"fbca04", "Normal priority"});
        labels.put("priority:P3", new String[] {"fef2c0", "Low priority"});
        return Map.copyOf(labels);
    }
}
