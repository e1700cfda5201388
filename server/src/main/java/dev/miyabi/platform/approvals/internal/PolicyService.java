package dev.miyabi.platform.approvals.internal;

import dev.miyabi.platform.approvals.ApprovalMode;
import dev.miyabi.platform.approvals.ApprovalPolicy;
import dev.miyabi.platform.approvals.ApprovalPolicyChanged;
import dev.miyabi.platform.approvals.TimeoutAction;
import dev.miyabi.platform.catalog.ProductCategory;
import dev.miyabi.platform.identity.Role;
import dev.miyabi.platform.identity.UserDirectory;
import dev.miyabi.platform.shared.ApiException;
import dev.miyabi.platform.shared.DomainConflict;
import dev.miyabi.platform.shared.ErrorCodes;
import dev.miyabi.platform.shared.FieldViolation;
import dev.miyabi.platform.shared.Money;
import dev.miyabi.platform.shared.PageQuery;
import dev.miyabi.platform.shared.PageResponse;
import dev.miyabi.platform.shared.RequestRules;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Admin CRUD of approval policies, with every field checked (400 {@code validation_failed} listing all
 * broken fields) and optimistic locking on replacement. Changes publish {@link ApprovalPolicyChanged}.
 * Requests already open keep the stages they were opened with.
 */
@Service
class PolicyService {

    static final int MAX_STAGES = 10;
    static final int MAX_APPROVER_IDS = 50;
    static final int MAX_TIMEOUT_HOURS = 24 * 365;
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,12}(\\.[0-9]{1,2})?");

    private final ApprovalPolicies policies;
    private final UserDirectory users;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final RequestRules rules;

    PolicyService(
            ApprovalPolicies policies,
            UserDirectory users,
            ApplicationEventPublisher events,
            Clock clock,
            RequestRules rules) {
        this.rules = rules;
        this.policies = policies;
        this.users = users;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public ApprovalPolicy create(PolicyInput input) {
        Instant now = now();
        ApprovalPolicy policy = validated(UUID.randomUUID(), input, 0, now, now);
        policies.insert(policy);
        events.publishEvent(new ApprovalPolicyChanged(policy, ApprovalPolicyChanged.Change.CREATED));
        return policy;
    }

    /** Full replacement at {@code expectedVersion} (null: whatever the version, for {@code If-Match: *}). */
    @Transactional
    public ApprovalPolicy replace(UUID id, PolicyInput input, @Nullable Long expectedVersion) {
        ApprovalPolicy current = policies.find(id).orElseThrow(() -> ApiException.notFound("Approval policy"));
        Instant now = now();
        ApprovalPolicy replacement = validated(id, input, current.version(), current.createdAt(), now);
        ApprovalPolicy replaced = policies.replace(replacement, expectedVersion).orElseThrow(() -> {
            long version = policies.find(id).map(ApprovalPolicy::version).orElse(current.version());
            return new DomainConflict(
                    ErrorCodes.VERSION_CONFLICT,
                    "The policy was changed since version " + expectedVersion + "; it is at version " + version
                            + " now. Reload it and apply your change again",
                    Map.of("currentVersion", version));
        });
        events.publishEvent(new ApprovalPolicyChanged(replaced, ApprovalPolicyChanged.Change.UPDATED));
        return replaced;
    }

    /** Deletes (deactivates and hides) a policy; deleting it again changes nothing. */
    @Transactional
    public void delete(UUID id) {
        if (!policies.exists(id)) {
            throw ApiException.notFound("Approval policy");
        }
        policies.delete(id, now())
                .ifPresent(deleted ->
                        events.publishEvent(new ApprovalPolicyChanged(deleted, ApprovalPolicyChanged.Change.DELETED)));
    }

    @Transactional(readOnly = true)
    public ApprovalPolicy get(UUID id) {
        return policies.find(id).orElseThrow(() -> ApiException.notFound("Approval policy"));
    }

    @Transactional(readOnly = true)
    public PageResponse<ApprovalPolicy> list(@Nullable Boolean active, PageQuery page) {
        List<ApprovalPolicy> items = policies.page(active, page);
        long total = items.size() < page.size() && (!items.isEmpty() || page.offset() == 0)
                ? page.offset() + items.size()
                : policies.count(active);
        return PageResponse.of(items, page, total);
    }

    private ApprovalPolicy validated(UUID id, PolicyInput input, long version, Instant createdAt, Instant now) {
        List<FieldViolation> errors = new ArrayList<>(rules.violations(input));
        String name = input.name() == null ? "" : input.name().strip();
        int priority = input.priority() == null ? 0 : input.priority();
        PolicyInput.AppliesTo applies =
                input.appliesTo() == null ? new PolicyInput.AppliesTo("order", null, null, null) : input.appliesTo();
        if (applies.resourceType() != null && !applies.resourceType().equals("order")) {
            errors.add(new FieldViolation("appliesTo.resourceType", "must be order"));
        }
        BigDecimal minAmount = amount(applies.minAmount(), "appliesTo.minAmount", errors);
        String currency = applies.currency() == null || applies.currency().isBlank() ? null : applies.currency();
        if (currency != null && Money.supportedCurrency(currency).isEmpty()) {
            errors.add(new FieldViolation(
                    "appliesTo.currency", "must be an ISO 4217 currency code with at most 2 minor units, like USD"));
        }
        Set<String> categories = new LinkedHashSet<>();
        List<String> givenCategories = applies.categories() == null ? List.of() : applies.categories();
        for (int i = 0; i < givenCategories.size(); i++) {
            String category = givenCategories.get(i);
            if (category == null || ProductCategory.parse(category).isEmpty()) {
                errors.add(new FieldViolation(
                        "appliesTo.categories[" + i + "]", "must be one of " + String.join(", ", categoryValues())));
            } else {
                categories.add(category);
            }
        }
        List<ApprovalPolicy.Stage> stages = new ArrayList<>();
        List<PolicyInput.Stage> given = input.stages() == null ? List.of() : input.stages();
        for (int i = 0; i < given.size() && i < MAX_STAGES; i++) {
            ApprovalPolicy.Stage stage = stage(given.get(i), "stages[" + i + "]", errors);
            if (stage != null) {
                stages.add(stage);
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new ApprovalPolicy(
                id,
                name,
                input.active() == null || input.active(),
                priority,
                new ApprovalPolicy.AppliesTo(
                        "order",
                        minAmount == null ? BigDecimal.ZERO.setScale(2) : minAmount,
                        currency,
                        List.copyOf(categories)),
                stages,
                version,
                createdAt,
                now);
    }

    private ApprovalPolicy.@Nullable Stage stage(
            PolicyInput.@Nullable Stage stage, String field, List<FieldViolation> errors) {
        if (stage == null) {
            return null; // its field rule is broken
        }
        int before = errors.size();
        String name = stage.name() == null ? "" : stage.name().strip();
        boolean hasRole = stage.approverRole() != null && !stage.approverRole().isBlank();
        boolean hasIds = stage.approverIds() != null && !stage.approverIds().isEmpty();
        String role = null;
        List<UUID> ids = new ArrayList<>();
        if (hasRole == hasIds) {
            errors.add(new FieldViolation(field, "must name either approverRole or approverIds (not both)"));
        } else if (hasRole) {
            role = stage.approverRole();
            if (!role.equals(Role.APPROVER.value()) && !role.equals(Role.ADMIN.value())) {
                errors.add(new FieldViolation(field + ".approverRole", "must be approver or admin"));
            }
        } else {
            List<String> given = stage.approverIds();
            for (int i = 0; i < given.size() && i < MAX_APPROVER_IDS; i++) {
                String value = given.get(i);
                try {
                    UUID userId = UUID.fromString(String.valueOf(value));
                    if (users.find(userId).isEmpty()) {
                        errors.add(new FieldViolation(field + ".approverIds[" + i + "]", "is not a user"));
                    } else if (ids.contains(userId)) {
                        errors.add(new FieldViolation(field + ".approverIds[" + i + "]", "is named twice"));
                    } else {
                        ids.add(userId);
                    }
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldViolation(field + ".approverIds[" + i + "]", "must be a user id (UUID)"));
                }
            }
        }
        ApprovalMode mode = ApprovalMode.ANY;
        if (stage.mode() != null) {
            mode = ApprovalMode.parse(stage.mode()).orElse(null);
            if (mode == null) {
                errors.add(new FieldViolation(field + ".mode", "must be one of " + ApprovalMode.allowedValues()));
            }
        }
        Integer timeout = stage.timeoutHours();
        TimeoutAction onTimeout = TimeoutAction.ESCALATE;
        if (stage.onTimeout() != null) {
            onTimeout = TimeoutAction.parse(stage.onTimeout()).orElse(null);
            if (onTimeout == null) {
                errors.add(new FieldViolation(field + ".onTimeout", "must be one of " + TimeoutAction.allowedValues()));
            }
        }
        BigDecimal minAmount = amount(stage.minAmount(), field + ".minAmount", errors);
        if (errors.size() > before) {
            return null;
        }
        return new ApprovalPolicy.Stage(name, role, List.copyOf(ids), mode, timeout, onTimeout, minAmount);
    }

    private static @Nullable BigDecimal amount(@Nullable String value, String field, List<FieldViolation> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!DECIMAL.matcher(value).matches()) {
            errors.add(new FieldViolation(field, "must be a decimal amount with at most 2 decimals, like \"1000.00\""));
            return null;
        }
        BigDecimal amount = new BigDecimal(value).setScale(2);
        if (amount.compareTo(Money.MAX_AMOUNT) > 0) {
            errors.add(new FieldViolation(field, "must be at most " + Money.MAX_AMOUNT.toPlainString()));
            return null;
        }
        return amount;
    }

    private static List<String> categoryValues() {
        return Arrays.stream(ProductCategory.values())
                .map(ProductCategory::value)
                .toList();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
