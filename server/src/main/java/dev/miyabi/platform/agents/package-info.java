/**
 * Agents: the {@link dev.miyabi.platform.agents.Agent} SPI, the five {@link
 * dev.miyabi.platform.agents.AgentType}s, the {@link dev.miyabi.platform.agents.AgentRegistry}, and the
 * {@link dev.miyabi.platform.agents.Orchestrator} that routes tasks to agents and keeps the agent task
 * board ({@code agent_tasks}). Tasks may run inside AI jobs, hence the dependency on {@code aijobs}.
 */
@ApplicationModule(
        displayName = "Agents",
        allowedDependencies = {"shared", "identity", "aijobs"})
@NullMarked
package dev.miyabi.platform.agents;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
