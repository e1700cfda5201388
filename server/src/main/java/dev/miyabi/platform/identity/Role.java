package dev.miyabi.platform.identity;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a user may do: every registered user is a customer; approvers decide; admins run the platform. */
public enum Role {
    CUSTOMER,
    APPROVER,
    ADMIN;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Spring Security authority for this role, as used by {@code hasRole('admin')}. */
    public String authority() {
        return "ROLE_" + value();
    }

    public static Optional<Role> parse(String value) {
        return Arrays.stream(values())
                .filter(role -> role.value().equals(value))
                .findFirst();
    }
}
