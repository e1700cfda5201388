package dev.miyabi.platform.identity.internal;

import dev.miyabi.platform.identity.CurrentUser;
import dev.miyabi.platform.identity.Role;
import dev.miyabi.platform.shared.ApiException;
import dev.miyabi.platform.shared.FieldViolation;
import dev.miyabi.platform.shared.PageQuery;
import dev.miyabi.platform.shared.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/admin/users")
@PreAuthorize("hasRole('admin')")
@Tag(name = "Admin: users", description = "User listing and role changes (admin)")
class AdminUserController {

    private static final Set<String> SORTABLE = Set.of("createdAt", "email", "name");

    private final UserAdministration administration;

    AdminUserController(UserAdministration administration) {
        this.administration = administration;
    }

    record RolesRequest(@NotNull @Size(max = 3) List<String> roles) {}

    @GetMapping
    @Operation(summary = "Users, paged; filter by text (email or name) and role")
    PageResponse<UserView> list(
            @RequestParam(required = false) @Nullable Integer page,
            @RequestParam(required = false) @Nullable Integer size,
            @RequestParam(required = false) @Nullable String sort,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String role) {
        PageQuery query = PageQuery.of(page, size, sort, SORTABLE, "createdAt,desc");
        Role roleFilter = role == null
                ? null
                : Role.parse(role)
                        .orElseThrow(() -> ApiException.validation("role", "must be customer, approver or admin"));
        return administration.list(q, roleFilter, query).map(UserView::of);
    }

    @PutMapping("/{id}/roles")
    @Operation(summary = "Replace a user's roles (customer is always kept)")
    UserView changeRoles(@PathVariable UUID id, @Valid @RequestBody RolesRequest body, CurrentUser admin) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        List<FieldViolation> errors = new ArrayList<>();
        for (int i = 0; i < body.roles().size(); i++) {
            String value = body.roles().get(i);
            Role.parse(value == null ? "" : value)
                    .ifPresentOrElse(
                            roles::add,
                            () -> errors.add(
                                    new FieldViolation("roles", "must contain only customer, approver or admin")));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors.subList(0, 1));
        }
        return UserView.of(administration.changeRoles(id, roles, admin.id()));
    }
}
