package dev.miyabi.platform.approvals.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A policy as an admin sends it (POST, or PUT as a full replacement). Values are read as text so that every
 * broken field is reported at once (400 {@code validation_failed} with {@code errors[]}): {@link PolicyService}
 * checks these field rules together with the rules that span fields or need the directory.
 */
record PolicyInput(
        @NotBlank(message = "is required, 1 to 200 characters")
        @Size(max = 200, message = "is required, 1 to 200 characters")
        @Nullable
        String name,

        @Nullable Boolean active,

        @Min(value = -1000, message = "must be between -1000 and 1000")
        @Max(value = 1000, message = "must be between -1000 and 1000")
        @Nullable
        Integer priority,

        @Valid @Nullable AppliesTo appliesTo,

        @NotNull(message = "must have 1 to " + PolicyService.MAX_STAGES + " stages")
        @Size(
                min = 1,
                max = PolicyService.MAX_STAGES,
                message = "must have 1 to " + PolicyService.MAX_STAGES + " stages")
        @Nullable
        List<@NotNull(message = "is required") @Valid Stage> stages,

        @Nullable Long version) {

    public record AppliesTo(
            @Nullable String resourceType,
            @Nullable String minAmount,
            @Nullable String currency,
            @Nullable List<String> categories) {}

    public record Stage(
            @NotBlank(message = "is required, 1 to 100 characters")
            @Size(max = 100, message = "is required, 1 to 100 characters")
            @Nullable
            String name,

            @Nullable String approverRole,

            @Size(
                    max = PolicyService.MAX_APPROVER_IDS,
                    message = "must name at most " + PolicyService.MAX_APPROVER_IDS + " users")
            @Nullable
            List<String> approverIds,

            @Nullable String mode,

            @Min(value = 1, message = "must be between 1 and " + PolicyService.MAX_TIMEOUT_HOURS)
            @Max(
                    value = PolicyService.MAX_TIMEOUT_HOURS,
                    message = "must be between 1 and " + PolicyService.MAX_TIMEOUT_HOURS)
            @Nullable
            Integer timeoutHours,

            @Nullable String onTimeout,
            @Nullable String minAmount) {}
}
