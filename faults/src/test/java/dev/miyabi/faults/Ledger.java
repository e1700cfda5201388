package dev.miyabi.faults;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The "nothing lost, nothing twice" checks, read from the database: each names what went wrong and counts
 * the rows concerned, so a failing assertion says what was lost or duplicated.
 */
final class Ledger {

    private Ledger() {}

    /** Work or money that exists twice. */
    /**
     * Waits until every order has ended (completed, failed or cancelled) and every module event was handled
     * (those a killed or cut-off instance held are delivered again), so the counts that follow are final.
     */
    static void awaitSettled(Database db) {
        long orders = db.count("SELECT count(*) FROM orders");
        await("every order to end")
                .atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofSeconds(1))
                .until(() ->
                        db.count("SELECT count(*) FROM orders WHERE status IN ('completed', 'failed', 'cancelled')")
                                == orders);
        await("every module event to be handled")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> db.count("SELECT count(*) FROM event_publication WHERE completion_date IS NULL") == 0);
    }

    static Map<String, Long> duplicated(Database db) {
        Map<String, Long> found = new LinkedHashMap<>();
        found.put("jobs of one order", db.count("""
                SELECT count(*) FROM (SELECT order_id FROM ai_jobs WHERE order_id IS NOT NULL
                                      GROUP BY order_id HAVING count(*) > 1) d"""));
        found.put("courses of one order", db.count("""
                SELECT count(*) FROM (SELECT order_id FROM courses WHERE order_id IS NOT NULL
                                      GROUP BY order_id HAVING count(*) > 1) d"""));
        found.put("captured payments of one order", db.count("""
                SELECT count(*) FROM (SELECT order_id FROM payments
                                      WHERE status IN ('succeeded', 'partially_refunded', 'refunded')
                                      GROUP BY order_id HAVING count(*) > 1) d"""));
        found.put("gateway charges of one order", db.count("""
                SELECT count(*) FROM (SELECT p.order_id FROM sandbox_charges c
                                      JOIN payments p ON p.provider_ref = c.id
                                      WHERE c.status = 'succeeded' GROUP BY p.order_id HAVING count(*) > 1) d"""));
        found.put("job.completed events of one job", db.count("""
                SELECT count(*) FROM (SELECT resource_id FROM event_log WHERE event_type = 'job.completed'
                                      GROUP BY resource_id HAVING count(*) > 1) d"""));
        found.put("payment.succeeded events of one payment", db.count("""
                SELECT count(*) FROM (SELECT resource_id FROM event_log WHERE event_type = 'payment.succeeded'
                                      GROUP BY resource_id HAVING count(*) > 1) d"""));
        found.put("order completed events of one order", db.count("""
                SELECT count(*) FROM (SELECT resource_id FROM event_log
                                      WHERE event_type = 'order.updated' AND payload->>'status' = 'completed'
                                      GROUP BY resource_id HAVING count(*) > 1) d"""));
        found.put("event ids", db.count("SELECT count(*) - count(DISTINCT id) FROM event_log"));
        return found;
    }

    /** Work or money accepted and then dropped (checked once the scenario has settled). */
    static Map<String, Long> lost(Database db) {
        Map<String, Long> found = new LinkedHashMap<>();
        found.put("charges the platform has no captured payment for", db.count("""
                SELECT count(*) FROM sandbox_charges c
                WHERE c.status = 'succeeded'
                  AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.provider_ref = c.id
                                  AND p.status IN ('succeeded', 'partially_refunded', 'refunded'))"""));
        found.put("captured payments whose order is unpaid", db.count("""
                SELECT count(*) FROM payments p JOIN orders o ON o.id = p.order_id
                WHERE p.status = 'succeeded' AND o.status IN ('pending', 'awaiting_approval', 'awaiting_payment')"""));
        found.put("paid AI orders not completed", db.count("""
                SELECT count(*) FROM orders o
                WHERE o.category IN ('ai_course_generation', 'ai_document_generation')
                  AND EXISTS (SELECT 1 FROM payments p WHERE p.order_id = o.id AND p.status <> 'failed')
                  AND o.status <> 'completed'"""));
        found.put("paid AI orders without a job", db.count("""
                SELECT count(*) FROM orders o
                WHERE o.category IN ('ai_course_generation', 'ai_document_generation')
                  AND EXISTS (SELECT 1 FROM payments p WHERE p.order_id = o.id AND p.status <> 'failed')
                  AND NOT EXISTS (SELECT 1 FROM ai_jobs j WHERE j.order_id = o.id)"""));
        found.put("order jobs not completed", db.count("""
                SELECT count(*) FROM ai_jobs WHERE order_id IS NOT NULL AND status <> 'completed'"""));
        found.put("completed course jobs without their course", db.count("""
                SELECT count(*) FROM ai_jobs j WHERE j.job_type = 'course_generation' AND j.status = 'completed'
                  AND NOT EXISTS (SELECT 1 FROM courses c WHERE c.job_id = j.id)"""));
        found.put("completed jobs without job.completed event", db.count("""
                SELECT count(*) FROM ai_jobs j WHERE j.status = 'completed'
                  AND NOT EXISTS (SELECT 1 FROM event_log e WHERE e.event_type = 'job.completed'
                                  AND e.resource_id = j.id::text)"""));
        found.put("captured payments without payment.succeeded event", db.count("""
                SELECT count(*) FROM payments p WHERE p.status = 'succeeded'
                  AND NOT EXISTS (SELECT 1 FROM event_log e WHERE e.event_type = 'payment.succeeded'
                                  AND e.resource_id = p.id::text)"""));
        found.put("refunds (no order may be refunded)", db.count("SELECT count(*) FROM refunds"));
        found.put(
                "module events never handled",
                db.count("SELECT count(*) FROM event_publication WHERE completion_date IS NULL"));
        return found;
    }

    static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
