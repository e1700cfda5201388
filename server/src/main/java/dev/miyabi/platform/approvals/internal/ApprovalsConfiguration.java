package dev.miyabi.platform.approvals.internal;

import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Schedules the timeout check on every instance (it is safe to run on many at once). */
@Configuration(proxyBeanMethods = false)
class ApprovalsConfiguration implements SchedulingConfigurer {

    private final ApprovalsProperties properties;
    private final ObjectProvider<ApprovalTimeouts> timeouts;

    ApprovalsConfiguration(ApprovalsProperties properties, ObjectProvider<ApprovalTimeouts> timeouts) {
        this.properties = properties;
        this.timeouts = timeouts;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        Duration interval = properties.timeoutCheckInterval();
        registrar.addFixedDelayTask(
                new FixedDelayTask(() -> timeouts.getObject().handleDue(), interval, interval));
    }
}
