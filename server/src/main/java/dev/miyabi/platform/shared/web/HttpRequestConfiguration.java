package dev.miyabi.platform.shared.web;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.format.FormatterRegistry;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * How the server reads what a client sends, so that nothing a client can send gets a 500 or a change it was
 * then told was refused: request bodies are read strictly, {@link RequestChecks} runs before every API handler,
 * and what Tomcat itself refuses (a malformed URL, headers over the limit) is problem+json too.
 */
@Configuration(proxyBeanMethods = false)
class HttpRequestConfiguration implements WebMvcConfigurer {

    private final JsonMapper json;

    HttpRequestConfiguration(JsonMapper json) {
        this.json = json;
    }

    /**
     * The JSON converter reads request bodies as API.md says: a value of the wrong JSON type is 400 {@code
     * malformed_request} ({@link ApiExceptionHandler}), not converted (no {@code 123} or {@code true} for a
     * string, no {@code 1.5} or {@code "12"} for an integer, no {@code 1} or {@code "true"} for a boolean). Answers are written as before, by
     * the application's {@link JsonMapper}.
     */
    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder converters) {
        JsonMapper strict = json.rebuild()
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfig(
                        LogicalType.Textual,
                        text -> text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
        converters.configureMessageConvertersList(
                list -> list.replaceAll(converter -> converter instanceof JacksonJsonHttpMessageConverter
                        ? new JacksonJsonHttpMessageConverter(strict)
                        : converter));
    }

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverterFactory(new EnumWireNames());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // Before any other interceptor (the idempotency keys), so a refusal here records nothing.
        registry.addInterceptor(new RequestChecks()).addPathPatterns("/api/**").order(Ordered.HIGHEST_PRECEDENCE);
    }

    /**
     * Puts {@link ProblemErrorReportValve} in place of Tomcat's HTML error report (Spring Boot's, added by its own
     * customizer, which runs before this one).
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return new WebServerFactoryCustomizer<>() {
            @Override
            public void customize(TomcatServletWebServerFactory factory) {
                factory.addContextCustomizers(context -> {
                    if (context.getParent() instanceof StandardHost host) {
                        for (Valve valve : host.getPipeline().getValves()) {
                            if (valve instanceof ErrorReportValve) {
                                host.getPipeline().removeValve(valve);
                            }
                        }
                        host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                        host.getPipeline().addValve(new ProblemErrorReportValve());
                    }
                });
            }
        };
    }
}
