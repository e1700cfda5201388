package dev.miyabi.platform.shared.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at {@code /v3/api-docs}: bearer JWT on every operation that needs it. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI miyabiOpenApi(@Value("${miyabi.version:0.1.0}") String version) {
        return new OpenAPI()
                .info(new Info()
                        .title("Miyabi Business Platform API")
                        .version(version)
                        .description("Catalog, orders, approvals, payments, AI jobs, search, agents and state. "
                                + "Errors are RFC 9457 problem details with a stable `code`."))
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
