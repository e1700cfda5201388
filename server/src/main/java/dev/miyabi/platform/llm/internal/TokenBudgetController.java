package dev.miyabi.platform.llm.internal;

import dev.miyabi.platform.identity.CurrentUser;
import dev.miyabi.platform.llm.BudgetStatus;
import dev.miyabi.platform.llm.TokenBudgets;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The caller's monthly token budget, and the allowances admins set per role and per user. */
@RestController
@Tag(name = "Token budgets", description = "Monthly LLM token allowances: your own, and per role or user (admin)")
class TokenBudgetController {

    /** A trillion tokens: far above any real allowance, well inside JavaScript's exact integers. */
    static final long MAX_ALLOWANCE = 1_000_000_000_000L;

    private final TokenBudgets budgets;

    TokenBudgetController(TokenBudgets budgets) {
        this.budgets = budgets;
    }

    /** @param monthlyTokens input + output tokens per calendar month (UTC); 0 = unlimited */
    record AllowanceRequest(
            @NotNull @PositiveOrZero @Max(MAX_ALLOWANCE) Long monthlyTokens) {}

    @GetMapping("/api/ai/budget")
    @Operation(
            summary = "Your token budget this month (the studio's allowance)",
            description = "limit (0 when unlimited), used (studio jobs and search answers, every provider"
                    + " including offline; paid orders never count), reserved (held by your queued and running"
                    + " studio jobs), remaining (null when unlimited), resetsAt, source: admin | user | role |"
                    + " default.")
    BudgetStatus mine(CurrentUser user) {
        return budgets.status(user.id());
    }

    @GetMapping("/api/admin/token-budgets")
    @PreAuthorize("hasRole('admin')")
    @Operation(summary = "The default monthly allowance and the allowances set per role (admin)")
    TokenBudgets.Allowances allowances() {
        return budgets.allowances();
    }

    @PutMapping("/api/admin/token-budgets/roles/{role}")
    @PreAuthorize("hasRole('admin')")
    @Operation(
            summary = "Set the monthly allowance of everyone holding a role (admin)",
            description = "role customer or approver (admins are always unlimited; another role → 400). A user"
                    + " with several roles gets the largest; a user's own allowance wins over any role's.")
    TokenBudgets.Allowances setRole(
            @PathVariable String role, @Valid @RequestBody AllowanceRequest body, CurrentUser admin) {
        budgets.setRoleAllowance(role, Optional.of(body.monthlyTokens()), admin.id());
        return budgets.allowances();
    }

    @DeleteMapping("/api/admin/token-budgets/roles/{role}")
    @PreAuthorize("hasRole('admin')")
    @Operation(summary = "Remove a role's allowance: its holders get the default again (admin)")
    TokenBudgets.Allowances clearRole(@PathVariable String role, CurrentUser admin) {
        budgets.setRoleAllowance(role, Optional.empty(), admin.id());
        return budgets.allowances();
    }

    @GetMapping("/api/admin/token-budgets/users/{userId}")
    @PreAuthorize("hasRole('admin')")
    @Operation(summary = "A user's token budget this month and where its limit comes from (admin)")
    BudgetStatus user(@PathVariable UUID userId) {
        return budgets.status(userId);
    }

    @PutMapping("/api/admin/token-budgets/users/{userId}")
    @PreAuthorize("hasRole('admin')")
    @Operation(summary = "Set one user's own monthly allowance, over any role's (admin); 404 for an unknown user")
    BudgetStatus setUser(@PathVariable UUID userId, @Valid @RequestBody AllowanceRequest body, CurrentUser admin) {
        return budgets.setUserAllowance(userId, Optional.of(body.monthlyTokens()), admin.id());
    }

    @DeleteMapping("/api/admin/token-budgets/users/{userId}")
    @PreAuthorize("hasRole('admin')")
    @Operation(summary = "Remove a user's own allowance: their roles' or the default applies again (admin)")
    BudgetStatus clearUser(@PathVariable UUID userId, CurrentUser admin) {
        return budgets.setUserAllowance(userId, Optional.empty(), admin.id());
    }
}
