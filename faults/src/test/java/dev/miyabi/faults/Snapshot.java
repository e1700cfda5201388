package dev.miyabi.faults;

import java.util.Map;

/** What the database holds at one moment: orders, jobs, payments and events, counted by status and type. */
record Snapshot(
        Map<String, Long> orders,
        Map<String, Long> jobs,
        Map<String, Long> payments,
        long charges,
        long refunds,
        long events,
        long jobsCompletedEvents,
        long paymentSucceededEvents) {

    static Snapshot of(Database db) {
        return new Snapshot(
                db.byStatus("SELECT status, count(*) FROM orders GROUP BY status ORDER BY status"),
                db.byStatus(
                        "SELECT status, count(*) FROM ai_jobs WHERE order_id IS NOT NULL GROUP BY status ORDER BY status"),
                db.byStatus("SELECT status, count(*) FROM payments GROUP BY status ORDER BY status"),
                db.count("SELECT count(*) FROM sandbox_charges WHERE status = 'succeeded'"),
                db.count("SELECT count(*) FROM refunds"),
                db.count("SELECT count(*) FROM event_log"),
                db.count("SELECT count(*) FROM event_log WHERE event_type = 'job.completed'"),
                db.count("SELECT count(*) FROM event_log WHERE event_type = 'payment.succeeded'"));
    }

    /** One line: {@code orders {completed=30} jobs {...} payments {...} charges 30 refunds 0 events 812 (...)}. */
    @Override
    public String toString() {
        return "orders " + orders + ", jobs " + jobs + ", payments " + payments + ", charges " + charges
                + ", refunds " + refunds + ", events " + events + " (job.completed " + jobsCompletedEvents
                + ", payment.succeeded " + paymentSucceededEvents + ")";
    }
}
