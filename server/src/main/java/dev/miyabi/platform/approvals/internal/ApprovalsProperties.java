package dev.miyabi.platform.approvals.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the approvals module ({@code miyabi.approvals.*}).
 *
 * @param timeoutCheckInterval how often every instance looks for stages past their due time or that no one may
 *     decide any more
 * @param timeoutBatchSize timed-out requests (and, besides, undecidable ones) handled per run
 */
@ConfigurationProperties("miyabi.approvals")
record ApprovalsProperties(
        @DefaultValue("1m") Duration timeoutCheckInterval,
        @DefaultValue("50") int timeoutBatchSize) {}
