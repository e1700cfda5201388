package dev.miyabi.platform.shared;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Who made a change, as an order's timeline and an approval's audit trail show it: a user (customer,
 * approver, admin), one of the business agents ({@code AgentType.actor()}, e.g. {@code 204}
 * PaymentProcessorAgent) or the platform itself.
 */
public record Actor(Type type, @Nullable String id, String name) {

    public enum Type {
        USER,
        AGENT,
        SYSTEM;

        @JsonValue
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Actor {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
    }

    public static Actor user(UUID id, String name) {
        return new Actor(Type.USER, id.toString(), name);
    }

    public static Actor agent(String id, String name) {
        return new Actor(Type.AGENT, id, name);
    }

    public static Actor system() {
        return new Actor(Type.SYSTEM, null, "Miyabi");
    }
}
