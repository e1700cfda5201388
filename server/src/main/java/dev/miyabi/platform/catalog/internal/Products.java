package dev.miyabi.platform.catalog.internal;

import dev.miyabi.platform.catalog.Product;
import dev.miyabi.platform.catalog.ProductCategory;
import dev.miyabi.platform.catalog.ProductStatus;
import dev.miyabi.platform.shared.Money;
import dev.miyabi.platform.shared.PageQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code products} table. List queries are assembled from fixed fragments for the filters that
 * are present (values are always bound), so that PostgreSQL plans each combination for its indexes:
 * the pg_trgm GIN index on {@code search_text} for text search, the (status|category, sort column,
 * id) b-trees otherwise.
 */
@Repository
class Products {

    /** API sort field → column, and whether that column's indexes are declared descending. */
    private record SortColumn(String column, boolean indexDescending) {}

    static final Map<String, SortColumn> SORTABLE = Map.of(
            "createdAt", new SortColumn("created_at", true),
            "name", new SortColumn("name", false),
            "price", new SortColumn("price", false));

    private static final String COLUMNS =
            "id, name, description, price, currency, category, status, version, created_at, updated_at";

    private final JdbcClient jdbc;

    Products(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Product insert(ProductDraft draft) {
        return jdbc.sql("""
                        INSERT INTO products (name, description, price, currency, category, status)
                        VALUES (:name, :description, :price, :currency, :category, :status)
                        RETURNING %s
                        """.formatted(COLUMNS))
                .params(values(draft))
                .query(Products::map)
                .single();
    }

    List<Product> after(UUID after, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM products WHERE id > :after ORDER BY id LIMIT :limit")
                .param("after", after)
                .param("limit", limit)
                .query(Products::map)
                .list();
    }

    Optional<Product> findById(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM products WHERE id = :id")
                .param("id", id)
                .query(Products::map)
                .optional();
    }

    /** A product with the {@code catalog_changes} counter of the snapshot it was read in. */
    record AsOf(Product product, long counter) {}

    /** The product and the change counter, read in one statement (so from one snapshot). */
    Optional<AsOf> findWithCounter(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + ", (SELECT version FROM catalog_changes) AS counter"
                        + " FROM products WHERE id = :id")
                .param("id", id)
                .query((rs, row) -> new AsOf(map(rs, row), rs.getLong("counter")))
                .optional();
    }

    /**
     * The count of product-writing statements committed so far (in a transaction that wrote products: including
     * its own); see V110.
     */
    long catalogCounter() {
        return jdbc.sql("SELECT version FROM catalog_changes").query(Long.class).single();
    }

    /** Replaces the fields when the version matches (any version when null); empty otherwise. */
    Optional<Product> replace(UUID id, ProductDraft draft, @Nullable Long expectedVersion) {
        String versionCheck = expectedVersion == null ? "" : " AND version = :version";
        Map<String, Object> params = values(draft);
        params.put("id", id);
        if (expectedVersion != null) {
            params.put("version", expectedVersion);
        }
        return jdbc.sql("""
                        UPDATE products
                        SET name = :name, description = :description, price = :price, currency = :currency,
                            category = :category, status = :status, version = version + 1, updated_at = now()
                        WHERE id = :id%s
                        RETURNING %s
                        """.formatted(versionCheck, COLUMNS))
                .params(params)
                .query(Products::map)
                .optional();
    }

    /** Archives an active or draft product; empty when it is unknown or already archived. */
    Optional<Product> archive(UUID id) {
        return jdbc.sql("""
                        UPDATE products SET status = 'archived', version = version + 1, updated_at = now()
                        WHERE id = :id AND status <> 'archived'
                        RETURNING %s
                        """.formatted(COLUMNS))
                .param("id", id)
                .query(Products::map)
                .optional();
    }

    List<Product> page(ProductSearch search, PageQuery page) {
        Map.Entry<String, Map<String, Object>> sql = pageSql(search, page);
        return jdbc.sql(sql.getKey())
                .params(sql.getValue())
                .query(Products::map)
                .list();
    }

    Map<ProductStatus, Long> countByStatus() {
        Map<ProductStatus, Long> counts = new EnumMap<>(ProductStatus.class);
        for (ProductStatus status : ProductStatus.values()) {
            counts.put(status, 0L);
        }
        jdbc.sql("SELECT status, count(*) FROM products GROUP BY status").query(rs -> {
            long count = rs.getLong(2);
            ProductStatus.parse(rs.getString(1)).ifPresent(status -> counts.put(status, count));
        });
        return counts;
    }

    long count(ProductSearch search) {
        Query query = Query.of(search);
        return jdbc.sql("SELECT count(*) FROM products" + query.where())
                .params(query.params())
                .query(Long.class)
                .single();
    }

    /** The SQL and parameters of a listing page, for checking its plan. */
    static Map.Entry<String, Map<String, Object>> pageSql(ProductSearch search, PageQuery page) {
        Query query = Query.of(search);
        SortColumn sort = SORTABLE.get(page.sortField());
        boolean idAscending = page.ascending() != sort.indexDescending();
        Map<String, Object> params = new LinkedHashMap<>(query.params());
        params.put("limit", page.size());
        params.put("offset", page.offset());
        return Map.entry(
                "SELECT " + COLUMNS + " FROM products" + query.where() + " ORDER BY " + sort.column() + " "
                        + page.direction() + ", id " + (idAscending ? "ASC" : "DESC")
                        + " LIMIT :limit OFFSET :offset",
                params);
    }

    private record Query(String where, Map<String, Object> params) {

        static Query of(ProductSearch search) {
            List<String> conditions = new ArrayList<>();
            Map<String, Object> params = new LinkedHashMap<>();
            if (search.status() != null) {
                conditions.add("status = :status");
                params.put("status", search.status().value());
            }
            if (search.category() != null) {
                conditions.add("category = :category");
                params.put("category", search.category().value());
            }
            if (search.text() != null) {
                // search_text is lower(name, newline, description) with a gin_trgm_ops index; the
                // pattern is lower-cased by the same function, so case never matters.
                conditions.add("search_text LIKE lower(:pattern)");
                params.put("pattern", "%" + escapeLike(search.text()) + "%");
            }
            if (search.minPrice() != null) {
                conditions.add("price >= :minPrice");
                params.put("minPrice", search.minPrice());
            }
            if (search.maxPrice() != null) {
                conditions.add("price <= :maxPrice");
                params.put("maxPrice", search.maxPrice());
            }
            if (search.currency() != null) {
                conditions.add("currency = :currency");
                params.put("currency", search.currency());
            }
            return new Query(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), params);
        }
    }

    private static Map<String, Object> values(ProductDraft draft) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", draft.name());
        values.put("description", draft.description());
        values.put("price", draft.price().amount());
        values.put("currency", draft.price().currency());
        values.put("category", draft.category().value());
        values.put("status", draft.status().value());
        return values;
    }

    private static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static Product map(ResultSet rs, int row) throws SQLException {
        return new Product(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("description"),
                new Money(rs.getBigDecimal("price"), rs.getString("currency")),
                ProductCategory.parse(rs.getString("category")).orElseThrow(),
                ProductStatus.parse(rs.getString("status")).orElseThrow(),
                rs.getLong("version"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
