package dev.miyabi.platform.approvals;

/** An admin created, replaced or deleted a policy (visible to admins only). */
public record ApprovalPolicyChanged(ApprovalPolicy policy, Change change) {

    public enum Change {
        CREATED,
        UPDATED,
        DELETED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
