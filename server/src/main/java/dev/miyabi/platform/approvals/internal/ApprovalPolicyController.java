package dev.miyabi.platform.approvals.internal;

import dev.miyabi.platform.approvals.ApprovalPolicy;
import dev.miyabi.platform.shared.ApiException;
import dev.miyabi.platform.shared.PageQuery;
import dev.miyabi.platform.shared.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/approval-policies")
@PreAuthorize("hasRole('admin')")
@Tag(name = "Approvals", description = "Approval policies (admin), requests, decisions")
class ApprovalPolicyController {

    private static final Set<String> SORTABLE = Set.of("createdAt");
    private static final Pattern ENTITY_TAG = Pattern.compile("(W/)?\"(\\d{1,18})\"");

    private final PolicyService policies;

    ApprovalPolicyController(PolicyService policies) {
        this.policies = policies;
    }

    @GetMapping
    @Operation(summary = "Approval policies (admin), newest first; filter active")
    PageResponse<ApprovalPolicy> list(
            @RequestParam(required = false) @Nullable Integer page,
            @RequestParam(required = false) @Nullable Integer size,
            @RequestParam(required = false) @Nullable String sort,
            @RequestParam(required = false) @Nullable Boolean active) {
        return policies.list(active, PageQuery.of(page, size, sort, SORTABLE, "createdAt,desc"));
    }

    @PostMapping
    @Operation(
            summary = "Create an approval policy (admin)",
            description = "{name, active, priority, appliesTo: {resourceType: order, minAmount, currency, categories},"
                    + " stages: [{name, approverRole | approverIds, mode: any|all|majority, timeoutHours,"
                    + " onTimeout: escalate|reject, minAmount}]}")
    ResponseEntity<ApprovalPolicy> create(@RequestBody PolicyInput body) {
        ApprovalPolicy policy = policies.create(body);
        return ResponseEntity.created(URI.create("/api/approval-policies/" + policy.id()))
                .eTag("\"" + policy.version() + "\"")
                .body(policy);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One approval policy (admin)")
    ResponseEntity<ApprovalPolicy> get(@PathVariable UUID id) {
        ApprovalPolicy policy = policies.get(id);
        return ResponseEntity.ok().eTag("\"" + policy.version() + "\"").body(policy);
    }

    @PutMapping("/{id}")
    @Operation(
            summary = "Replace an approval policy (admin) under optimistic locking",
            description = "The whole policy plus the version read, as If-Match: \"<version>\" (wins) or `version` in"
                    + " the body. Requests already open keep their stages.")
    ResponseEntity<ApprovalPolicy> replace(
            @PathVariable UUID id,
            @RequestBody PolicyInput body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        ApprovalPolicy policy = policies.replace(id, body, expectedVersion(ifMatch, body.version()));
        return ResponseEntity.ok().eTag("\"" + policy.version() + "\"").body(policy);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete an approval policy (admin); open requests are not affected. Idempotent")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        policies.delete(id);
        return ResponseEntity.noContent().build();
    }

    private static @Nullable Long expectedVersion(@Nullable String ifMatch, @Nullable Long bodyVersion) {
        if (ifMatch != null && !ifMatch.isBlank()) {
            String value = ifMatch.strip();
            if (value.equals("*")) {
                return null;
            }
            Matcher matcher = ENTITY_TAG.matcher(value);
            if (!matcher.matches()) {
                throw ApiException.validation(HttpHeaders.IF_MATCH, "must be the policy's ETag, like \"3\"");
            }
            return Long.parseLong(matcher.group(2));
        }
        if (bodyVersion == null) {
            throw ApiException.validation("version", "is required (or send If-Match: \"<version>\")");
        }
        return bodyVersion;
    }
}
