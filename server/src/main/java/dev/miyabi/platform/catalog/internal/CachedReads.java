package dev.miyabi.platform.catalog.internal;

import dev.miyabi.platform.shared.web.UngatedRead;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A product by id is answered from {@link ProductCache}, whose reads of the change counter are shared by every
 * request in flight: it takes no turn at the admission gate, which would cap how many one counter read serves.
 */
@Configuration(proxyBeanMethods = false)
class CachedReads {

    @Bean
    UngatedRead productById() {
        return new UngatedRead("/api/products/{id}");
    }
}
