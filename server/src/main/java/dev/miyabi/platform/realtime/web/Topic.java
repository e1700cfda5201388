package dev.miyabi.platform.realtime.web;

import dev.miyabi.platform.realtime.ClientEvent;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A subscription topic: a category of events ({@code orders} ← {@code order.*}, {@code jobs} ←
 * {@code job.*}, {@code payments} ← {@code payment.*}, {@code approvals} ← {@code approval.*},
 * {@code agents} ← {@code agent.task.*}, {@code products} ← {@code product.*}, {@code state} ← {@code
 * state.updated}) or one resource
 * ({@code order:<id>}, {@code job:<id>}, {@code payment:<id>}, {@code approval:<id>}: the events whose
 * resource is that order, job, payment or approval request).
 */
record Topic(
        String name,
        @Nullable String typePrefix,
        @Nullable String resourceType,
        @Nullable String resourceId) {

    /** Category → the event-type prefix it stands for ({@code state} is one exact type). */
    static final Map<String, String> CATEGORIES = Map.of(
            "orders", "order.",
            "jobs", "job.",
            "payments", "payment.",
            "approvals", "approval.",
            "agents", "agent.task.",
            "products", "product.",
            "state", "state.updated");

    /** Resource topics: {@code <prefix>:<uuid>} → the event log's resource type. */
    static final Map<String, String> RESOURCES =
            Map.of("order", "order", "job", "job", "payment", "payment", "approval", "approval");

    /** Parses a topic; empty when it names no known category or resource. */
    static Optional<Topic> parse(String name) {
        String prefix = CATEGORIES.get(name);
        if (prefix != null) {
            return Optional.of(new Topic(name, prefix, null, null));
        }
        int colon = name.indexOf(':');
        if (colon > 0) {
            String resourceType = RESOURCES.get(name.substring(0, colon));
            String id = name.substring(colon + 1);
            if (resourceType != null && isUuid(id)) {
                String canonical = UUID.fromString(id).toString();
                return Optional.of(new Topic(resourceType + ":" + canonical, null, resourceType, canonical));
            }
        }
        return Optional.empty();
    }

    boolean isResource() {
        return resourceType != null;
    }

    boolean matches(ClientEvent event) {
        if (typePrefix != null) {
            return typePrefix.endsWith(".")
                    ? event.type().startsWith(typePrefix)
                    : event.type().equals(typePrefix);
        }
        return event.resourceType().equals(resourceType) && event.resourceId().equals(resourceId);
    }

    /** The SQL {@code LIKE} pattern of a category (prefixes hold no wildcard characters). */
    @Nullable
    String likePattern() {
        if (typePrefix == null) {
            return null;
        }
        return typePrefix.endsWith(".") ? typePrefix + "%" : typePrefix;
    }

    private static boolean isUuid(String value) {
        if (value.length() != 36) {
            return false;
        }
        try {
            UUID.fromString(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
