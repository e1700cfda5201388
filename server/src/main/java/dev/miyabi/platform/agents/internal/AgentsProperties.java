package dev.miyabi.platform.agents.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the agents module ({@code miyabi.agents.*}).
 *
 * @param requireAll whether a start without an agent for every {@link dev.miyabi.platform.agents.AgentType}
 *     fails
 */
@ConfigurationProperties("miyabi.agents")
record AgentsProperties(@DefaultValue("true") boolean requireAll) {}
