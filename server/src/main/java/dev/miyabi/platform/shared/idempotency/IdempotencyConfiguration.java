package dev.miyabi.platform.shared.idempotency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Registers the {@link Idempotent} interceptor and purges expired keys hourly (safe on every instance). */
@Configuration(proxyBeanMethods = false)
class IdempotencyConfiguration implements WebMvcConfigurer {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyConfiguration.class);

    private final IdempotencyInterceptor interceptor;
    private final IdempotencyKeys keys;

    IdempotencyConfiguration(IdempotencyInterceptor interceptor, IdempotencyKeys keys) {
        this.interceptor = interceptor;
        this.keys = keys;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(interceptor);
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    void purgeExpiredKeys() {
        int purged = keys.purgeExpired();
        if (purged > 0) {
            log.info("Purged {} expired idempotency keys", purged);
        }
    }
}
