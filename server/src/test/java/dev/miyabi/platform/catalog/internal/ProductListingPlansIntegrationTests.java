package dev.miyabi.platform.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.catalog.ProductCategory;
import dev.miyabi.platform.catalog.ProductStatus;
import dev.miyabi.platform.shared.PageQuery;
import dev.miyabi.platform.support.ModuleTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every query of the product listing is served by an index on a catalog of 10 000 products: the
 * plans of the repository's own SQL are checked (in a transaction that is rolled back). Text search
 * is checked by {@code bench/products-search.sh} on 100 000 products instead: on a table this small
 * a scan is honestly cheaper than the trigram index, and PostgreSQL rightly takes it.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = "shared", verifyAutomatically = false)
@TestInstance(TestInstance.Lifecycle.PER_METHOD) // a fresh instance per test, as in the other tests
class ProductListingPlansIntegrationTests extends ModuleTest {

    private static final Set<String> SORTABLE = Set.of("createdAt", "name", "price");

    @Autowired
    private TransactionTemplate transactions;

    @Test
    void listingQueriesUseIndexesNotSequentialScans() {
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("""
                            INSERT INTO products (name, description, price, currency, category, status, created_at)
                            SELECT (ARRAY['Python', 'Cloud', 'Finance', 'Design', 'Sales'])[1 + i % 5] || ' '
                                       || (ARRAY['course', 'report', 'plan', 'guide'])[1 + i % 4] || ' ' || i,
                                   'Generated product number ' || i || ' for the plan test',
                                   1 + (i % 5000), 'USD',
                                   (ARRAY['ai_course_generation', 'ai_document_generation', 'ai_search_service',
                                          'business_consulting', 'technical_support'])[1 + i % 5],
                                   CASE WHEN i % 10 = 0 THEN 'draft' WHEN i % 10 = 1 THEN 'archived' ELSE 'active' END,
                                   now() - make_interval(secs => i)
                            FROM generate_series(1, 10000) AS i
                            """).update();
            jdbc.sql("ANALYZE products").update();

            ProductSearch publicListing = search(null, null, ProductStatus.ACTIVE);
            assertUses(plan(publicListing, "createdAt,desc"), "idx_products_status_created", "idx_products_created");
            assertUses(plan(publicListing, "createdAt,asc"), "idx_products_status_created", "idx_products_created");
            assertUses(plan(publicListing, "name,asc"), "idx_products_status_name", "idx_products_name");
            assertUses(plan(publicListing, "price,desc"), "idx_products_status_price", "idx_products_price");

            ProductSearch adminListing = search(null, null, null);
            assertUses(plan(adminListing, "createdAt,desc"), "idx_products_created");
            assertUses(plan(adminListing, "name,asc"), "idx_products_name");
            assertUses(plan(adminListing, "price,asc"), "idx_products_price");

            assertUses(
                    plan(search(null, ProductCategory.AI_SEARCH_SERVICE, ProductStatus.ACTIVE), "createdAt,desc"),
                    "idx_products_category_status_created",
                    "idx_products_status_created",
                    "idx_products_created");

            tx.setRollbackOnly();
        });
    }

    private static ProductSearch search(String text, ProductCategory category, ProductStatus status) {
        return new ProductSearch(text, category, status, null, null, null);
    }

    private String plan(ProductSearch search, String sort) {
        Map.Entry<String, Map<String, Object>> sql =
                Products.pageSql(search, PageQuery.of(0, 20, sort, SORTABLE, "createdAt,desc"));
        List<String> lines = jdbc.sql("EXPLAIN " + sql.getKey())
                .params(sql.getValue())
                .query(String.class)
                .list();
        return String.join("\n", lines);
    }

    /** The plan reads through one of the indexes (the planner picks by statistics) and never the whole table. */
    private static void assertUses(String plan, String... indexes) {
        assertThat(plan).as(plan).containsAnyOf(indexes).doesNotContain("Seq Scan");
    }
}
