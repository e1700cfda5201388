package dev.miyabi.platform.owasp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * API9:2023 Improper Inventory Management. The inventory is the server's own {@code /v3/api-docs}: every route
 * Spring MVC maps ({@link RequestMappingHandlerMapping}) is documented there, and every documented route is
 * mapped — no forgotten, undocumented endpoint, no documented one that is gone. Left out by name: the document
 * itself and Swagger UI, the error controller, and the test-only probes of this test source tree.
 *
 * Covered elsewhere: {@link dev.miyabi.platform.shared.OpenApiDocumentIntegrationTests#theWebUisCopyOfTheApiDocumentIsCurrent()}
 * (the copy clients are built from is the server's), {@link
 * dev.miyabi.platform.shared.HttpErrorsIntegrationTests#anUnknownRouteIsNotFound()} and {@link
 * dev.miyabi.platform.shared.WebUiIntegrationTests#serverPathsAndMissingFilesAreNeverTheIndexPage()}.
 */
class API9ImproperInventoryManagementTests extends OwaspFixtures {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyMappedRouteIsDocumentedAndEveryDocumentedRouteIsMapped() {
        Set<String> mapped = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            String type = handler.getBeanType().getName();
            if (type.startsWith("org.springdoc.")
                    || type.endsWith(".ProblemErrorController")
                    || type.endsWith("ProbeController")) {
                return;
            }
            Set<String> patterns = info.getPatternValues();
            var methods = info.getMethodsCondition().getMethods();
            for (String pattern : patterns) {
                if (methods.isEmpty()) {
                    mapped.add("ANY " + normalise(pattern) + " (" + handler.getShortLogMessage() + ")");
                }
                methods.forEach(method -> mapped.add(method.name() + " " + normalise(pattern)));
            }
        });
        Set<String> documented = new TreeSet<>();
        operations().forEach(operation -> documented.add(operation.method() + " " + normalise(operation.path())));

        assertThat(mapped).as("routes the server maps").hasSizeGreaterThan(40);
        Set<String> undocumented = new TreeSet<>(mapped);
        undocumented.removeAll(documented);
        Set<String> unmapped = new TreeSet<>(documented);
        unmapped.removeAll(mapped);
        assertThat(undocumented).as("mapped but not in /v3/api-docs").isEmpty();
        assertThat(unmapped).as("in /v3/api-docs but not mapped").isEmpty();
    }

    /** Path variables compared by position, not by name. */
    private static String normalise(String path) {
        return path.replaceAll("\\{[^}]+}", "{}");
    }
}
