package dev.miyabi.platform.agents;

import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The agents of this instance by type, found among the Spring beans at start. Two agents for one type
 * are always a start-up error; a type without an agent is one too when {@code requireAll} is set
 * ({@code miyabi.agents.require-all}, default true), so an instance never runs with an agent missing.
 */
public final class AgentRegistry {

    /** The property that makes a missing agent a start-up error. */
    public static final String REQUIRE_ALL_PROPERTY = "miyabi.agents.require-all";

    private final Map<AgentType, Agent> agents;

    public AgentRegistry(Collection<? extends Agent> candidates, boolean requireAll) {
        Map<AgentType, Agent> byType = new EnumMap<>(AgentType.class);
        for (Agent agent : candidates) {
            AgentType type = agent.type();
            if (type == null) {
                throw new IllegalStateException("Agent " + agent.getClass().getName() + " declares no type");
            }
            Agent previous = byType.putIfAbsent(type, agent);
            if (previous != null) {
                throw new IllegalStateException("Two agents for " + type.value() + " (" + type.id() + "): "
                        + previous.getClass().getName() + " and "
                        + agent.getClass().getName());
            }
        }
        if (requireAll) {
            Set<AgentType> missing = EnumSet.allOf(AgentType.class);
            missing.removeAll(byType.keySet());
            if (!missing.isEmpty()) {
                throw new IllegalStateException("No agent is registered for "
                        + missing.stream()
                                .map(type -> type.value() + " (" + type.id() + ")")
                                .collect(Collectors.joining(", "))
                        + "; every agent type needs one (set " + REQUIRE_ALL_PROPERTY
                        + "=false to start without)");
            }
        }
        this.agents = byType;
    }

    public Optional<Agent> find(AgentType type) {
        return Optional.ofNullable(agents.get(type));
    }

    public boolean has(AgentType type) {
        return agents.containsKey(type);
    }

    /** The types with an agent on this instance. */
    public Set<AgentType> registered() {
        return agents.isEmpty() ? EnumSet.noneOf(AgentType.class) : EnumSet.copyOf(agents.keySet());
    }
}
