package dev.miyabi.platform.approvals.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.miyabi.platform.approvals.ApprovalDecided;
import dev.miyabi.platform.approvals.ApprovalMode;
import dev.miyabi.platform.approvals.ApprovalOrder;
import dev.miyabi.platform.approvals.ApprovalPolicy;
import dev.miyabi.platform.approvals.ApprovalRequested;
import dev.miyabi.platform.approvals.ApprovalStatus;
import dev.miyabi.platform.approvals.Decision;
import dev.miyabi.platform.approvals.TimeoutAction;
import dev.miyabi.platform.identity.Role;
import dev.miyabi.platform.shared.Actor;
import dev.miyabi.platform.shared.DomainException;
import dev.miyabi.platform.shared.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The approval request's rules without a database: modes, stages, self-approval, timeouts, reopening. */
class ApprovalTests {

    private static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");
    private static final UUID REQUESTER = UUID.randomUUID();
    private static final UUID ADMIN = UUID.randomUUID();
    private static final Actor AGENT = Actor.agent("205", "ApprovalWorkflowAgent");
    private static final Approval.Approvers DIRECTORY = role -> role == Role.ADMIN ? List.of(ADMIN) : List.of();

    @ParameterizedTest(name = "{0} of {1}: {2} approvals, {3} rejections → {4}")
    @CsvSource({
        "any, 3, 1, 0, APPROVED",
        "any, 3, 0, 1, REJECTED",
        "all, 3, 2, 0, PENDING",
        "all, 3, 3, 0, APPROVED",
        "all, 3, 2, 1, REJECTED",
        "majority, 3, 1, 1, PENDING",
        "majority, 3, 2, 1, APPROVED",
        "majority, 3, 0, 2, REJECTED",
        "majority, 4, 2, 1, PENDING",
        "majority, 4, 3, 0, APPROVED",
        "majority, 4, 2, 2, REJECTED",
        "majority, 5, 2, 2, PENDING",
        "majority, 5, 3, 2, APPROVED",
        "majority, 1, 1, 0, APPROVED",
        "majority, 2, 1, 0, PENDING",
        "majority, 2, 1, 1, REJECTED"
    })
    void modesDecideByTheirCounts(String mode, int n, int approvals, int rejections, ApprovalStatus expected) {
        List<UUID> approvers =
                IntStream.range(0, n).mapToObj(i -> UUID.randomUUID()).toList();
        Approval approval =
                open(stage("S", ApprovalMode.parse(mode).orElseThrow(), approvers, null, TimeoutAction.ESCALATE));
        int i = 0;
        // Approvals first, then rejections; stop when the request is decided.
        List<Decision> sequence = new ArrayList<>();
        IntStream.range(0, approvals).forEach(k -> sequence.add(Decision.APPROVE));
        IntStream.range(0, rejections).forEach(k -> sequence.add(Decision.REJECT));
        for (Decision decision : sequence) {
            if (approval.status() != ApprovalStatus.PENDING) {
                break;
            }
            decide(approval, approvers.get(i++), decision);
        }
        assertThat(approval.status()).isEqualTo(expected);
    }

    @Test
    void stagesRunInOrderAndTheAuditSaysWhoMovedWhat() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        Approval approval = open(
                stage("One", ApprovalMode.ANY, List.of(first), null, TimeoutAction.ESCALATE),
                stage("Two", ApprovalMode.ANY, List.of(second), null, TimeoutAction.ESCALATE));
        approval.pullEvents();

        assertThat(decide(approval, first, Decision.APPROVE)).isEqualTo(Approval.Outcome.NEXT_STAGE);
        assertThat(approval.currentStage()).isEqualTo(1);
        assertThat(approval.pullEvents()).hasExactlyElementsOfTypes(ApprovalDecided.class, ApprovalRequested.class);
        assertThatThrownBy(() -> decide(approval, first, Decision.APPROVE))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo("forbidden"));
        assertThat(decide(approval, second, Decision.APPROVE)).isEqualTo(Approval.Outcome.APPROVED);
        assertThat(approval.currentStage()).isNull();
        assertThat(approval.view(true).audit())
                .extracting(e -> e.action() + ":" + e.fromStatus() + ">" + e.toStatus())
                .containsExactly(
                        "opened:null>PENDING",
                        "stage_started:PENDING>PENDING",
                        "approve:PENDING>PENDING",
                        "stage_started:PENDING>PENDING",
                        "approve:PENDING>APPROVED");
    }

    @Test
    void whoDecidedAnEarlierStageIsNotAskedAgainNorAfterEscalation() {
        UUID both = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        Approval approval = open(
                stage("One", ApprovalMode.ANY, List.of(both), null, TimeoutAction.ESCALATE),
                stage("Two", ApprovalMode.ANY, List.of(both, other), null, TimeoutAction.ESCALATE));
        decide(approval, both, Decision.APPROVE);
        assertThat(approval.view(false).stages().get(1).approvers()).containsExactly(other);

        Approval alone = open(
                stage("One", ApprovalMode.ANY, List.of(ADMIN), null, TimeoutAction.ESCALATE),
                stage("Two", ApprovalMode.ANY, List.of(ADMIN), null, TimeoutAction.ESCALATE));
        decideAsAdmin(alone, ADMIN, Decision.APPROVE);
        assertThat(alone.view(false).stages().get(1).escalated()).isTrue();
        assertThat(alone.view(false).stages().get(1).approvers())
                .as("the only admin decided the first stage: no one may decide the second")
                .isEmpty();
        assertThatThrownBy(() -> decideAsAdmin(alone, ADMIN, Decision.APPROVE))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo("forbidden"));
        assertThat(alone.nobodyMayDecide(DIRECTORY)).isTrue();
        assertThat(alone.handOver(DIRECTORY, AGENT, T0.plusSeconds(60))).isEqualTo(Approval.Outcome.EXPIRED);
        assertThat(alone.status()).isEqualTo(ApprovalStatus.EXPIRED);
    }

    @Test
    void escalationDoesNotLetTheAdminWhoDecidedAnEarlierStageDecideTheNextOne() {
        UUID firstAdmin = UUID.randomUUID();
        UUID secondAdmin = UUID.randomUUID();
        UUID slow = UUID.randomUUID();
        Approval.Approvers admins = role -> role == Role.ADMIN ? List.of(firstAdmin, secondAdmin) : List.of();
        Approval approval = open(
                admins,
                stage("Admin", ApprovalMode.ANY, List.of(firstAdmin), null, TimeoutAction.ESCALATE),
                stage("Slow", ApprovalMode.ANY, List.of(slow), 1, TimeoutAction.ESCALATE));
        approval.decide(
                firstAdmin,
                "First admin",
                Set.of(Role.ADMIN),
                Decision.APPROVE,
                null,
                admins,
                AGENT,
                T0.plusSeconds(10));

        assertThat(approval.timeOut(admins, AGENT, T0.plusSeconds(7200))).isEqualTo(Approval.Outcome.ESCALATED);

        assertThat(approval.view(false).stages().get(1).approvers()).containsExactly(secondAdmin);
        assertThatThrownBy(() -> approval.decide(
                        firstAdmin,
                        "First admin",
                        Set.of(Role.ADMIN),
                        Decision.APPROVE,
                        null,
                        admins,
                        AGENT,
                        T0.plusSeconds(7300)))
                .as("no one decides two stages of one request")
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo("forbidden"));
        assertThat(approval.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(approval.decide(
                        secondAdmin,
                        "Second admin",
                        Set.of(Role.ADMIN),
                        Decision.APPROVE,
                        null,
                        admins,
                        AGENT,
                        T0.plusSeconds(7300)))
                .isEqualTo(Approval.Outcome.APPROVED);
    }

    @Test
    void afterEscalationAnAdminsApproveApprovesWhateverTheVotesBefore() {
        List<UUID> five = IntStream.range(0, 5).mapToObj(i -> UUID.randomUUID()).toList();
        Approval approving = open(stage("Committee", ApprovalMode.MAJORITY, five, 24, TimeoutAction.ESCALATE));
        decide(approving, five.get(0), Decision.REJECT);
        decide(approving, five.get(1), Decision.APPROVE);
        decide(approving, five.get(2), Decision.APPROVE);
        approving.timeOut(DIRECTORY, AGENT, T0.plusSeconds(86_400));

        assertThat(decideAsAdmin(approving, ADMIN, Decision.APPROVE)).isEqualTo(Approval.Outcome.APPROVED);
        assertThat(approving.status()).isEqualTo(ApprovalStatus.APPROVED);

        Approval rejecting = open(stage("Committee", ApprovalMode.MAJORITY, five, 24, TimeoutAction.ESCALATE));
        decide(rejecting, five.get(0), Decision.APPROVE);
        decide(rejecting, five.get(1), Decision.APPROVE);
        rejecting.timeOut(DIRECTORY, AGENT, T0.plusSeconds(86_400));

        assertThat(decideAsAdmin(rejecting, ADMIN, Decision.REJECT)).isEqualTo(Approval.Outcome.REJECTED);
    }

    @Test
    void afterEscalationAnOriginalApproverCannotDecideAnAllStageAlone() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        Approval approval = open(stage("Board", ApprovalMode.ALL, List.of(a, b), 24, TimeoutAction.ESCALATE));
        approval.timeOut(DIRECTORY, AGENT, T0.plusSeconds(86_400));

        assertThatThrownBy(() -> decide(approval, a, Decision.APPROVE))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo("forbidden"));
        assertThat(approval.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(approval.view(false).stages().get(0).approvers()).containsExactly(ADMIN);
        assertThat(decideAsAdmin(approval, ADMIN, Decision.APPROVE)).isEqualTo(Approval.Outcome.APPROVED);
    }

    @Test
    void aStageWhoseApproversAllLostTheirRoleGoesToTheAdminsWithoutATimeout() {
        UUID approver = UUID.randomUUID();
        Approval approval = open(
                List.of(approver),
                new ApprovalPolicy.Stage(
                        "Role", "approver", List.of(), ApprovalMode.ANY, null, TimeoutAction.REJECT, null));
        assertThat(approval.nobodyMayDecide(role -> role == Role.ADMIN ? List.of(ADMIN) : List.of(approver)))
                .isFalse();

        // The approver lost the role: only the admins hold any now.
        assertThat(approval.nobodyMayDecide(DIRECTORY)).isTrue();
        assertThat(approval.handOver(DIRECTORY, AGENT, T0.plusSeconds(60))).isEqualTo(Approval.Outcome.ESCALATED);

        assertThat(approval.view(false).stages().get(0).escalated()).isTrue();
        assertThat(approval.view(false).stages().get(0).approvers()).containsExactly(ADMIN);
        assertThat(approval.nobodyMayDecide(DIRECTORY)).isFalse();
        assertThat(approval.nobodyMayDecide(role -> List.of()))
                .as("an admin who lost the role cannot decide an escalated stage either")
                .isTrue();
        assertThat(decideAsAdmin(approval, ADMIN, Decision.APPROVE)).isEqualTo(Approval.Outcome.APPROVED);
    }

    @Test
    void stagesAboveTheAmountAreSkipped() {
        ApprovalPolicy policy = policy(
                stage("Always", ApprovalMode.ANY, List.of(UUID.randomUUID()), null, TimeoutAction.ESCALATE),
                new ApprovalPolicy.Stage(
                        "Large",
                        "admin",
                        List.of(),
                        ApprovalMode.ANY,
                        null,
                        TimeoutAction.ESCALATE,
                        new BigDecimal("10000")));
        assertThat(Approval.applicableStages(policy, Money.of("9999.99", "USD")))
                .hasSize(1);
        assertThat(Approval.applicableStages(policy, Money.of("10000.00", "USD")))
                .hasSize(2);
    }

    @Test
    void theRequesterIsNeverAnApproverAndMayNotDecide() {
        UUID other = UUID.randomUUID();
        Approval approval =
                open(stage("Peers", ApprovalMode.ALL, List.of(REQUESTER, other), null, TimeoutAction.ESCALATE));
        assertThat(approval.view(false).stages().get(0).approvers()).containsExactly(other);
        assertThatThrownBy(() -> decide(approval, REQUESTER, Decision.APPROVE))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo("self_approval_forbidden"));
        assertThat(decide(approval, other, Decision.APPROVE)).isEqualTo(Approval.Outcome.APPROVED);
    }

    @Test
    void aRoleStageNeedsTheRoleAtDecisionTime() {
        UUID approver = UUID.randomUUID();
        Approval approval = open(
                List.of(approver),
                new ApprovalPolicy.Stage(
                        "Role", "approver", List.of(), ApprovalMode.ANY, null, TimeoutAction.ESCALATE, null));
        assertThatThrownBy(() -> approval.decide(
                        approver, "Ex-approver", Set.of(Role.CUSTOMER), Decision.APPROVE, null, DIRECTORY, AGENT, T0))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo("forbidden"));
        assertThat(approval.decide(
                        approver, "Approver", Set.of(Role.APPROVER), Decision.APPROVE, null, DIRECTORY, AGENT, T0))
                .isEqualTo(Approval.Outcome.APPROVED);
    }

    @Test
    void aTimeoutEscalatesOnceOrExpires() {
        UUID approver = UUID.randomUUID();
        Approval escalating = open(stage("S", ApprovalMode.ALL, List.of(approver), 1, TimeoutAction.ESCALATE));
        assertThat(escalating.timeOut(DIRECTORY, AGENT, T0.plusSeconds(3600))).isEqualTo(Approval.Outcome.ESCALATED);
        assertThat(escalating.view(false).stages().get(0).approvers())
                .as("the admins decide an escalated stage")
                .containsExactly(ADMIN);
        assertThat(escalating.view(false).stages().get(0).dueAt()).isNull();
        assertThat(escalating.timeOut(DIRECTORY, AGENT, T0.plusSeconds(7200)))
                .as("an escalated stage that times out again expires")
                .isEqualTo(Approval.Outcome.EXPIRED);

        Approval rejecting = open(stage("S", ApprovalMode.ANY, List.of(approver), 1, TimeoutAction.REJECT));
        assertThat(rejecting.timeOut(DIRECTORY, AGENT, T0.plusSeconds(3600))).isEqualTo(Approval.Outcome.EXPIRED);
        assertThat(rejecting.status()).isEqualTo(ApprovalStatus.EXPIRED);
    }

    @Test
    void changesRequestedReopenAtTheFirstStageInANewRound() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        Approval approval = open(
                stage("One", ApprovalMode.ANY, List.of(first), null, TimeoutAction.ESCALATE),
                stage("Two", ApprovalMode.ANY, List.of(second), null, TimeoutAction.ESCALATE));
        decide(approval, first, Decision.APPROVE);
        assertThat(decide(approval, second, Decision.REQUEST_CHANGES)).isEqualTo(Approval.Outcome.CHANGES_REQUESTED);
        assertThatThrownBy(() -> approval.checkReopen(UUID.randomUUID())).isInstanceOf(DomainException.class);

        approval.reopen(REQUESTER, null, Actor.user(REQUESTER, "Requester"), DIRECTORY, AGENT, T0.plusSeconds(60));

        assertThat(approval.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(approval.round()).isEqualTo(2);
        assertThat(approval.currentStage()).isZero();
        assertThat(approval.view(false).stages().get(0).decisions()).isEmpty();
        assertThat(decide(approval, first, Decision.APPROVE))
                .as("a new round takes new decisions")
                .isEqualTo(Approval.Outcome.NEXT_STAGE);
        assertThatThrownBy(() -> approval.checkReopen(REQUESTER))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo("invalid_state"));
    }

    private static Approval.Outcome decide(Approval approval, UUID approver, Decision decision) {
        return approval.decide(
                approver,
                "Approver " + approver.toString().substring(0, 4),
                Set.of(Role.CUSTOMER),
                decision,
                decision == Decision.APPROVE ? null : "because",
                DIRECTORY,
                AGENT,
                T0.plusSeconds(10));
    }

    private static Approval.Outcome decideAsAdmin(Approval approval, UUID admin, Decision decision) {
        return approval.decide(
                admin,
                "Admin",
                Set.of(Role.ADMIN),
                decision,
                decision == Decision.APPROVE ? null : "because",
                DIRECTORY,
                AGENT,
                T0.plusSeconds(90_000));
    }

    private static ApprovalPolicy.Stage stage(
            String name, ApprovalMode mode, List<UUID> ids, Integer timeoutHours, TimeoutAction onTimeout) {
        return new ApprovalPolicy.Stage(name, null, ids, mode, timeoutHours, onTimeout, null);
    }

    private static ApprovalPolicy policy(ApprovalPolicy.Stage... stages) {
        return new ApprovalPolicy(
                UUID.randomUUID(),
                "Policy",
                true,
                0,
                new ApprovalPolicy.AppliesTo("order", BigDecimal.ZERO, null, List.of()),
                List.of(stages),
                0,
                T0,
                T0);
    }

    private static Approval open(ApprovalPolicy.Stage... stages) {
        return open(List.of(), stages);
    }

    private static Approval open(List<UUID> approversWithRole, ApprovalPolicy.Stage... stages) {
        return open(role -> role == Role.ADMIN ? List.of(ADMIN) : approversWithRole, stages);
    }

    private static Approval open(Approval.Approvers directory, ApprovalPolicy.Stage... stages) {
        return Approval.open(
                UUID.randomUUID(),
                "order",
                UUID.randomUUID(),
                REQUESTER,
                "Requester",
                "requester@example.com",
                new ApprovalOrder(UUID.randomUUID(), "Strategy workshop", 1, null),
                Money.of("100.00", "USD"),
                "business_consulting",
                policy(stages),
                directory,
                AGENT,
                T0);
    }
}
