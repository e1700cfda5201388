package dev.miyabi.platform.shared.idempotency;

import dev.miyabi.platform.shared.ApiException;
import dev.miyabi.platform.shared.ErrorCodes;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Marks the held key as having changed data inside every read-write transaction that an idempotent
 * request commits, atomically with that transaction, together with the resource the transaction
 * created ({@link IdempotentResources}). A key whose request changed something can
 * never be taken over by a retry, even if the instance dies before the response is recorded; and a
 * request whose key was taken over (it ran past the lock timeout) cannot commit at all. Together
 * this guarantees that one key's changes are committed by at most one request.
 *
 * <p>Spring Boot adds every {@link TransactionExecutionListener} bean to the transaction manager.
 */
@Component
class IdempotencyEffects implements TransactionExecutionListener {

    private final IdempotencyKeys keys;

    IdempotencyEffects(IdempotencyKeys keys) {
        this.keys = keys;
    }

    @Override
    public void afterBegin(TransactionExecution transaction, @Nullable Throwable beginFailure) {
        ActiveClaim claim = ActiveClaim.current();
        if (claim == null
                || beginFailure != null
                || !transaction.isNewTransaction()
                || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                if (readOnly) {
                    return;
                }
                if (!keys.markEffectsCommitted(claim.principal(), claim.key(), claim.token(), claim.takeCreated())) {
                    throw new ApiException(
                            HttpStatus.CONFLICT,
                            ErrorCodes.IDEMPOTENCY_KEY_IN_USE,
                            "This request ran past the key's lock timeout and another request with the same"
                                    + " Idempotency-Key took over; nothing was changed");
                }
            }

            @Override
            public void afterCompletion(int status) {
                claim.takeCreated(); // rolled back: the resource does not exist
            }
        });
    }
}
