package dev.miyabi.platform.approvals.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A policy as an admin sends it (POST, or PUT as a full replacement). Everything is optional here so
 * that every broken field is reported at once (400 {@code validation_failed} with {@code errors[]}).
 */
record PolicyInput(
        @Nullable String name,
        @Nullable Boolean active,
        @Nullable Integer priority,
        @Nullable AppliesTo appliesTo,
        @Nullable List<Stage> stages,
        @Nullable Long version) {

    public record AppliesTo(
            @Nullable String resourceType,
            @Nullable String minAmount,
            @Nullable String currency,
            @Nullable List<String> categories) {}

    public record Stage(
            @Nullable String name,
            @Nullable String approverRole,
            @Nullable List<String> approverIds,
            @Nullable String mode,
            @Nullable Integer timeoutHours,
            @Nullable String onTimeout,
            @Nullable String minAmount) {}
}
