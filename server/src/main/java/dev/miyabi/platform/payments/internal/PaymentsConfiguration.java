package dev.miyabi.platform.payments.internal;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The gateway chosen by {@code miyabi.payments.provider}, and the reconciliation schedule. */
@Configuration(proxyBeanMethods = false)
class PaymentsConfiguration implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(PaymentsConfiguration.class);

    private final PaymentsProperties properties;
    private final ObjectProvider<PaymentReconciliation> reconciliation;

    PaymentsConfiguration(PaymentsProperties properties, ObjectProvider<PaymentReconciliation> reconciliation) {
        this.properties = properties;
        this.reconciliation = reconciliation;
    }

    @Bean
    PaymentGateway paymentGateway(
            JdbcClient jdbc,
            PlatformTransactionManager transactions,
            JsonMapper json,
            @Value("${miyabi.database.embedded:false}") boolean embeddedDatabase) {
        String provider = properties.effectiveProvider(embeddedDatabase);
        if (provider.equals("stripe")) {
            log.info(
                    "Payments go to Stripe at {} (API version {})",
                    properties.stripe().baseUrl(),
                    properties.stripe().apiVersion());
            return new StripePaymentGateway(properties.stripe(), json);
        }
        log.info(
                "Payments go to the sandbox gateway (Stripe's test payment methods, no money moves; latency {} ms)",
                properties.sandbox().latency().toMillis());
        return new SandboxPaymentGateway(
                jdbc,
                new TransactionTemplate(transactions),
                properties.sandbox().latency(),
                properties.sandbox().transientFailures());
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        Duration interval = properties.reconciliation().interval();
        registrar.addFixedDelayTask(
                new FixedDelayTask(() -> reconciliation.getObject().reconcileDue(), interval, interval));
    }
}
