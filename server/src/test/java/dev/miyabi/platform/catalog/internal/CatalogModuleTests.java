package dev.miyabi.platform.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.miyabi.platform.catalog.Product;
import dev.miyabi.platform.catalog.ProductCategory;
import dev.miyabi.platform.catalog.ProductCreated;
import dev.miyabi.platform.catalog.ProductStatus;
import dev.miyabi.platform.catalog.ProductUpdated;
import dev.miyabi.platform.shared.DomainConflict;
import dev.miyabi.platform.shared.Money;
import dev.miyabi.platform.support.ModuleTest;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContext;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.AssertablePublishedEvents;

/**
 * The catalog module on its own (with the modules whose beans it uses, and shared) on the test database: its
 * product rules with its repository, and the events it publishes, without booting the other modules.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = "shared", verifyAutomatically = false)
class CatalogModuleTests extends ModuleTest {

    private final ProductService products;
    private final ApplicationContext context;

    CatalogModuleTests(ProductService products, ApplicationContext context) {
        this.products = products;
        this.context = context;
    }

    @Test
    void onlyTheCatalogAndTheModulesItUsesAreStarted() {
        Set<String> modules = Arrays.stream(context.getBeanDefinitionNames())
                .map(context::getType)
                .filter(Objects::nonNull)
                .map(type -> type.getPackageName())
                .filter(name -> name.startsWith("dev.miyabi.platform."))
                .map(name -> name.substring("dev.miyabi.platform.".length()).split("\\.")[0])
                .collect(Collectors.toSet());
        assertThat(modules).contains("catalog", "shared").isSubsetOf("catalog", "identity", "shared");
    }

    @Test
    void aReplacementAgainstAStaleVersionIsRefusedAndChangesNothing(AssertablePublishedEvents events) {
        Product created = products.create(draft("Module test course", "49.00"));
        Product replaced = products.replace(created.id(), draft("Renamed course", "59.00"), created.version());

        assertThat(replaced.version()).isGreaterThan(created.version());
        assertThat(events)
                .contains(ProductCreated.class)
                .matching(event -> event.product().id(), created.id());
        assertThat(events)
                .contains(ProductUpdated.class)
                .matching(event -> event.product().name(), "Renamed course");

        DomainConflict stale = catchThrowableOfType(
                DomainConflict.class,
                () -> products.replace(created.id(), draft("Lost update", "1.00"), created.version()));
        assertThat(stale.code()).isEqualTo("version_conflict");
        assertThat(stale.properties()).containsEntry("currentVersion", replaced.version());
        Product stored = products.get(created.id(), true);
        assertThat(stored.name()).isEqualTo("Renamed course");
        assertThat(stored.version()).isEqualTo(replaced.version());
    }

    private static ProductDraft draft(String name, String price) {
        return new ProductDraft(
                name,
                "A product of the catalog module test",
                Money.of(price, "USD"),
                ProductCategory.AI_COURSE_GENERATION,
                ProductStatus.ACTIVE);
    }
}
