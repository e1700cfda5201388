package dev.miyabi.platform.catalog.internal;

import dev.miyabi.platform.shared.database.AdvisoryLocks;
import java.math.BigDecimal;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo catalog of a zero-setup run ({@code miyabi.demo.enabled}, on with the embedded database):
 * products in all five categories, priced so that every approval path can be tried — below 1 000
 * (no approval), 1 000–9 999 (one approver) and 10 000 or more (approver, then admin).
 */
@Component
@Order(10)
@ConditionalOnBooleanProperty("miyabi.demo.enabled")
class DemoCatalog implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoCatalog.class);

    record DemoProduct(String name, String description, String price, String category, String status) {}

    static final List<DemoProduct> PRODUCTS = List.of(
            new DemoProduct(
                    "AI Course: Python for Data Analysis",
                    "A generated course with lessons, exercises and quizzes, from pandas basics to reporting.",
                    "49.00",
                    "ai_course_generation",
                    "active"),
            new DemoProduct(
                    "AI Course: Enterprise Cloud Architecture",
                    "A tailored multi-module course for your engineering organisation, with assessments.",
                    "2500.00",
                    "ai_course_generation",
                    "active"),
            new DemoProduct(
                    "AI Document: Business Proposal",
                    "A structured proposal generated from your goals, audience and figures.",
                    "29.00",
                    "ai_document_generation",
                    "active"),
            new DemoProduct(
                    "AI Document: Quarterly Report",
                    "A report with summary, results, risks and outlook, generated from your data points.",
                    "39.00",
                    "ai_document_generation",
                    "active"),
            new DemoProduct(
                    "AI Document: Service Contract Draft",
                    "A first draft of a service agreement for review by your counsel.",
                    "1200.00",
                    "ai_document_generation",
                    "active"),
            new DemoProduct(
                    "Content Search: Team Plan",
                    "Hybrid keyword and semantic search over your generated courses and documents.",
                    "19.00",
                    "ai_search_service",
                    "active"),
            new DemoProduct(
                    "Content Search: Enterprise Plan",
                    "Organisation-wide search access with priority indexing.",
                    "12000.00",
                    "ai_search_service",
                    "active"),
            new DemoProduct(
                    "Business Consulting: AI Adoption Workshop",
                    "A half-day workshop with our consultants to plan your AI adoption.",
                    "800.00",
                    "business_consulting",
                    "active"),
            new DemoProduct(
                    "Technical Support: Priority",
                    "Priority support by our engineers with a one-business-day response.",
                    "99.00",
                    "technical_support",
                    "active"),
            new DemoProduct(
                    "AI Course: Japanese for Engineers",
                    "Coming soon: a course on technical Japanese for software engineers.",
                    "59.00",
                    "ai_course_generation",
                    "draft"));

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    DemoCatalog(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public void run(ApplicationArguments args) {
        transactions.executeWithoutResult(status -> {
            AdvisoryLocks.lockForTransaction(jdbc, "miyabi:demo-catalog");
            if (jdbc.sql("SELECT count(*) FROM products").query(Long.class).single() > 0) {
                return;
            }
            for (DemoProduct product : PRODUCTS) {
                jdbc.sql("""
                                INSERT INTO products (name, description, price, currency, category, status)
                                VALUES (:name, :description, :price, 'USD', :category, :status)
                                """)
                        .param("name", product.name())
                        .param("description", product.description())
                        .param("price", new BigDecimal(product.price()))
                        .param("category", product.category())
                        .param("status", product.status())
                        .update();
            }
            log.info("Seeded the demo catalog with {} products", PRODUCTS.size());
        });
    }
}
