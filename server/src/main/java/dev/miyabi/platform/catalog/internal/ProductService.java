package dev.miyabi.platform.catalog.internal;

import dev.miyabi.platform.catalog.Catalog;
import dev.miyabi.platform.catalog.Product;
import dev.miyabi.platform.catalog.ProductArchived;
import dev.miyabi.platform.catalog.ProductCreated;
import dev.miyabi.platform.catalog.ProductStatus;
import dev.miyabi.platform.catalog.ProductUpdated;
import dev.miyabi.platform.shared.ApiException;
import dev.miyabi.platform.shared.DomainConflict;
import dev.miyabi.platform.shared.ErrorCodes;
import dev.miyabi.platform.shared.PageQuery;
import dev.miyabi.platform.shared.PageResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Product use cases of the HTTP API, and the {@link Catalog} facade other modules read through. */
@Service
class ProductService implements Catalog {

    private final Products products;
    private final ProductCounts counts;
    private final ProductCache cache;
    private final ApplicationEventPublisher events;

    ProductService(Products products, ProductCounts counts, ProductCache cache, ApplicationEventPublisher events) {
        this.products = products;
        this.counts = counts;
        this.cache = cache;
        this.events = events;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Product> find(UUID productId) {
        return products.findById(productId);
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.List<Product> productsAfter(UUID after, int limit) {
        return products.after(after, limit);
    }

    /**
     * A product as the caller may see it: customers and anonymous callers see active products only. Served from
     * {@link ProductCache}: never older than a change acknowledged before this call.
     */
    public Product get(UUID id, boolean admin) {
        return cache.find(id)
                .filter(product -> admin || product.status() == ProductStatus.ACTIVE)
                .orElseThrow(() -> ApiException.notFound("Product"));
    }

    /**
     * A page of products and the total. A page that is not full tells the total by itself; otherwise
     * it is counted, or taken from {@link ProductCounts} when the same filters were counted moments ago. No
     * transaction: the page is one statement, and a total may be taken from moments ago anyway — a transaction
     * would only add its round trips to the busiest read.
     */
    public PageResponse<Product> list(ProductSearch search, PageQuery page) {
        List<Product> items = products.page(search, page);
        long total = items.size() < page.size() && (!items.isEmpty() || page.offset() == 0)
                ? page.offset() + items.size()
                : counts.count(search, () -> products.count(search));
        return PageResponse.of(items, page, total);
    }

    @Override
    @Transactional(readOnly = true)
    public Map<ProductStatus, Long> countByStatus() {
        return products.countByStatus();
    }

    @Transactional
    public Product create(ProductDraft draft) {
        Product product = products.insert(draft);
        events.publishEvent(new ProductCreated(product));
        changed(product);
        return product;
    }

    /**
     * Full replacement under optimistic locking: {@code expectedVersion} must be the current one
     * (null only when the client sent {@code If-Match: *}), else 409 {@code version_conflict}.
     */
    @Transactional
    public Product replace(UUID id, ProductDraft draft, @Nullable Long expectedVersion) {
        Optional<Product> replaced = products.replace(id, draft, expectedVersion);
        if (replaced.isEmpty()) {
            Product current = products.findById(id).orElseThrow(() -> ApiException.notFound("Product"));
            throw new DomainConflict(
                    ErrorCodes.VERSION_CONFLICT,
                    "The product was changed since version " + expectedVersion + "; it is at version "
                            + current.version() + " now. Reload it and apply your change again",
                    Map.of("currentVersion", current.version()));
        }
        events.publishEvent(new ProductUpdated(replaced.get()));
        changed(replaced.get());
        return replaced.get();
    }

    /** Archives the product; archiving an archived product changes nothing. */
    @Transactional
    public void archive(UUID id) {
        Optional<Product> archived = products.archive(id);
        if (archived.isPresent()) {
            events.publishEvent(new ProductArchived(archived.get()));
            changed(archived.get());
        } else if (products.findById(id).isEmpty()) {
            throw ApiException.notFound("Product");
        }
    }

    /** After the commit, before the caller answers: this instance's counts and cached product forget it. */
    private void changed(Product product) {
        counts.forgetAfterCommit();
        cache.evictAfterCommit(product.id(), products.catalogCounter());
    }
}
