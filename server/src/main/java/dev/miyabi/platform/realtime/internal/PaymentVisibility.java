package dev.miyabi.platform.realtime.internal;

import dev.miyabi.platform.identity.CurrentUser;
import dev.miyabi.platform.payments.Payments;
import dev.miyabi.platform.realtime.ResourceVisibility;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** {@code payment:<id>} topics: the owner and admins, as {@code GET /api/payments/{id}}. */
@Component
class PaymentVisibility implements ResourceVisibility {

    private final Payments payments;

    PaymentVisibility(Payments payments) {
        this.payments = payments;
    }

    @Override
    public String resourceType() {
        return PaymentClientEvents.RESOURCE_TYPE;
    }

    @Override
    public boolean isVisible(CurrentUser user, String resourceId) {
        return payments.isVisibleTo(UUID.fromString(resourceId), user);
    }
}
