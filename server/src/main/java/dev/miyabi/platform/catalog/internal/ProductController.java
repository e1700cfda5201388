package dev.miyabi.platform.catalog.internal;

import dev.miyabi.platform.catalog.Product;
import dev.miyabi.platform.catalog.ProductCategory;
import dev.miyabi.platform.catalog.ProductStatus;
import dev.miyabi.platform.identity.Role;
import dev.miyabi.platform.shared.ApiException;
import dev.miyabi.platform.shared.FieldViolation;
import dev.miyabi.platform.shared.Money;
import dev.miyabi.platform.shared.PageQuery;
import dev.miyabi.platform.shared.PageResponse;
import dev.miyabi.platform.shared.RequestRules;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.hibernate.validator.constraints.CodePointLength;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

@RestController
@RequestMapping("/api/products")
@Tag(name = "Catalog", description = "Products: public listing and search; admin create, replace, archive")
class ProductController {

    private static final Set<String> SORTABLE = Set.of("createdAt", "name", "price");
    private static final int MAX_NAME = 255;
    private static final int MAX_DESCRIPTION = 10_000;
    private static final int MAX_QUERY = 200;
    private static final Pattern PRICE_FILTER = Pattern.compile("[0-9]{1,8}(\\.[0-9]{1,2})?");
    private static final Pattern ENTITY_TAG = Pattern.compile("(W/)?\"?([0-9]{1,18})\"?");

    private final ProductService products;
    private final RequestRules rules;

    ProductController(ProductService products, RequestRules rules) {
        this.products = products;
        this.rules = rules;
    }

    record PriceRequest(
            @JsonDeserialize(using = DecimalText.class) @Nullable
            String amount,

            @Nullable String currency) {}

    /**
     * An amount as its decimal text: a JSON string as sent, or a JSON number by its exact digits (request bodies
     * are otherwise read strictly; docs/api.md lets a price be a number).
     */
    static final class DecimalText extends ValueDeserializer<String> {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            return switch (parser.currentToken()) {
                case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getString();
                default -> (String) context.handleUnexpectedToken(String.class, parser);
            };
        }
    }

    /**
     * The fields of a product; {@code version} only on replacement (or send {@code If-Match}). Category and
     * status are read as text, the price by {@link Money}, so that every broken field is reported at once.
     */
    record ProductRequest(
            @NotBlank(message = "is required")
            @CodePointLength(max = MAX_NAME, message = "must be at most " + MAX_NAME + " characters")
            @Schema(maxLength = MAX_NAME)
            @Nullable
            String name,

            @CodePointLength(max = MAX_DESCRIPTION, message = "must be at most " + MAX_DESCRIPTION + " characters")
            @Schema(maxLength = MAX_DESCRIPTION)
            @Nullable
            String description,

            @NotNull(message = "is required") @Nullable PriceRequest price,
            @NotNull(message = "is required") @Nullable String category,
            @Nullable String status,
            @Nullable Long version) {}

    @GetMapping
    @Operation(
            summary = "Products, paged; customers and anonymous callers see active products only",
            description = "Filters: q (case-insensitive substring of name or description), category, status"
                    + " (admins; others may only ask for active), minPrice, maxPrice, currency."
                    + " Sort: createdAt (default, desc), name, price.")
    PageResponse<Product> list(
            @RequestParam(required = false) @Nullable Integer page,
            @RequestParam(required = false) @Nullable Integer size,
            @RequestParam(required = false) @Nullable String sort,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String category,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String minPrice,
            @RequestParam(required = false) @Nullable String maxPrice,
            @RequestParam(required = false) @Nullable String currency) {
        PageQuery query = PageQuery.of(page, size, sort, SORTABLE, "createdAt,desc");
        return products.list(search(q, category, status, minPrice, maxPrice, currency, isAdmin()), query);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One product; a draft or archived product is 404 except for admins")
    ResponseEntity<Product> get(@PathVariable UUID id) {
        return withEtag(ResponseEntity.ok(), products.get(id, isAdmin()));
    }

    @PostMapping
    @PreAuthorize("hasRole('admin')")
    @Operation(summary = "Create a product (admin); status defaults to active")
    ResponseEntity<Product> create(@RequestBody ProductRequest body) {
        Product product = products.create(draft(body, false));
        return withEtag(ResponseEntity.created(URI.create("/api/products/" + product.id())), product);
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasRole('admin')")
    @Operation(
            summary = "Replace a product (admin) under optimistic locking",
            description = "Send every field plus the version you read, as If-Match: \"<version>\" or as"
                    + " `version` in the body (If-Match wins). A stale version is 409 version_conflict.")
    ResponseEntity<Product> replace(
            @PathVariable UUID id,
            @RequestBody ProductRequest body,
            @Parameter(description = "\"<version>\" of the product as read, or * to skip the check")
                    @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
                    @Nullable
                    String ifMatch) {
        ProductDraft draft = draft(body, true);
        Long expected = expectedVersion(ifMatch, body.version());
        return withEtag(ResponseEntity.ok(), products.replace(id, draft, expected));
    }

    @DeleteMapping("/{id}")
    @PreAuthorize("hasRole('admin')")
    @Operation(summary = "Archive a product (admin); orders keep referring to it. Idempotent")
    ResponseEntity<Void> archive(@PathVariable UUID id) {
        products.archive(id);
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<Product> withEtag(ResponseEntity.BodyBuilder response, Product product) {
        return response.eTag("\"" + product.version() + "\"").body(product);
    }

    private static ProductSearch search(
            @Nullable String q,
            @Nullable String category,
            @Nullable String status,
            @Nullable String minPrice,
            @Nullable String maxPrice,
            @Nullable String currency,
            boolean admin) {
        List<FieldViolation> errors = new ArrayList<>();
        String text = q == null || q.isBlank() ? null : q.strip();
        if (text != null && text.length() > MAX_QUERY) {
            errors.add(new FieldViolation("q", "must be at most " + MAX_QUERY + " characters"));
        } else if (text != null && text.chars().anyMatch(Character::isISOControl)) {
            // Also keeps the newline that separates name from description in search_text unmatchable.
            errors.add(new FieldViolation("q", "must not contain control characters"));
        }
        ProductCategory categoryFilter = null;
        if (category != null && !category.isBlank()) {
            categoryFilter = ProductCategory.parse(category).orElse(null);
            if (categoryFilter == null) {
                errors.add(new FieldViolation("category", "must be one of " + ProductCategory.allowedValues()));
            }
        }
        ProductStatus statusFilter = admin ? null : ProductStatus.ACTIVE;
        if (status != null && !status.isBlank()) {
            ProductStatus asked = ProductStatus.parse(status).orElse(null);
            if (asked == null) {
                errors.add(new FieldViolation("status", "must be one of " + ProductStatus.allowedValues()));
            } else if (!admin && asked != ProductStatus.ACTIVE) {
                errors.add(new FieldViolation("status", "only admins may list draft or archived products"));
            } else {
                statusFilter = asked;
            }
        }
        BigDecimal min = priceFilter("minPrice", minPrice, errors);
        BigDecimal max = priceFilter("maxPrice", maxPrice, errors);
        if (min != null && max != null && min.compareTo(max) > 0) {
            errors.add(new FieldViolation("minPrice", "must not be greater than maxPrice"));
        }
        String currencyFilter = null;
        if (currency != null && !currency.isBlank()) {
            if (Money.supportedCurrency(currency).isEmpty()) {
                errors.add(new FieldViolation("currency", "must be an ISO 4217 currency code like USD"));
            } else {
                currencyFilter = currency;
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new ProductSearch(text, categoryFilter, statusFilter, min, max, currencyFilter);
    }

    private static @Nullable BigDecimal priceFilter(String field, @Nullable String value, List<FieldViolation> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!PRICE_FILTER.matcher(value.strip()).matches()) {
            errors.add(new FieldViolation(field, "must be a decimal amount like 49.99"));
            return null;
        }
        return new BigDecimal(value.strip());
    }

    private ProductDraft draft(ProductRequest body, boolean replacing) {
        List<FieldViolation> errors = new ArrayList<>(rules.violations(body));
        String name = body.name() == null ? null : body.name().strip();
        String description = body.description();
        if (body.price() != null) {
            errors.addAll(Money.violations(
                    "price", body.price().amount(), body.price().currency()));
        }
        ProductCategory category = null;
        if (body.category() != null) {
            category = ProductCategory.parse(body.category()).orElse(null);
            if (category == null) {
                errors.add(new FieldViolation("category", "must be one of " + ProductCategory.allowedValues()));
            }
        }
        ProductStatus status = ProductStatus.ACTIVE;
        if (body.status() == null) {
            if (replacing) {
                errors.add(new FieldViolation("status", "is required"));
            }
        } else {
            status = ProductStatus.parse(body.status()).orElse(null);
            if (status == null) {
                errors.add(new FieldViolation("status", "must be one of " + ProductStatus.allowedValues()));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new ProductDraft(
                name,
                description,
                Money.parse(body.price().amount(), body.price().currency()),
                category,
                status);
    }

    /** If-Match wins over the body's version; {@code *} means "whatever the current version is". */
    private static @Nullable Long expectedVersion(@Nullable String ifMatch, @Nullable Long bodyVersion) {
        if (ifMatch != null && !ifMatch.isBlank()) {
            String value = ifMatch.strip();
            if (value.equals("*")) {
                return null;
            }
            var matcher = ENTITY_TAG.matcher(value);
            if (!matcher.matches()) {
                throw ApiException.validation(HttpHeaders.IF_MATCH, "must be the product's ETag, like \"3\"");
            }
            return Long.parseLong(matcher.group(2));
        }
        if (bodyVersion == null) {
            throw ApiException.validation("version", "is required (or send If-Match: \"<version>\")");
        }
        return bodyVersion;
    }

    private static boolean isAdmin() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null
                && authentication.getAuthorities().stream()
                        .anyMatch(granted -> Role.ADMIN.authority().equals(granted.getAuthority()));
    }
}
