package dev.miyabi.platform.shared;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans every module may use. */
@Configuration(proxyBeanMethods = false)
class SharedConfiguration {

    /** The one clock of the application, replaceable in tests. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
