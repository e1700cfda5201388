package dev.miyabi.platform.orders;

import dev.miyabi.platform.shared.Actor;
import java.util.UUID;

/**
 * An {@link ApprovalGate}'s answer that a new order needs approval: the request it opened, and the
 * actor and note the order's timeline records for the move to {@code awaiting_approval}.
 */
public record ApprovalRequired(UUID approvalId, Actor actor, TimelineNote note) {}
