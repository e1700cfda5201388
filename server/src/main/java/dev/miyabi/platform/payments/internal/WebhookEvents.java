package dev.miyabi.platform.payments.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code payment_webhook_events} table: provider event ids already applied. */
@Repository
class WebhookEvents {

    private final JdbcClient jdbc;

    WebhookEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the event; false when it was recorded before. A concurrent delivery of the same event
     * waits here until the first one's transaction ends, then sees it.
     */
    boolean record(String provider, String eventId, String type) {
        return jdbc.sql("""
                        INSERT INTO payment_webhook_events (provider, event_id, event_type) VALUES (:provider, :id, :type)
                        ON CONFLICT DO NOTHING
                        """)
                        .param("provider", provider)
                        .param("id", eventId)
                        .param("type", type.length() > 100 ? type.substring(0, 100) : type)
                        .update()
                == 1;
    }
}
