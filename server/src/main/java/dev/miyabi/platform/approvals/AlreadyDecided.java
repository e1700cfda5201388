package dev.miyabi.platform.approvals;

import dev.miyabi.platform.shared.DomainConflict;
import dev.miyabi.platform.shared.ErrorCodes;
import java.util.Map;

/** The approver's decision in the stage is already recorded (409 {@code already_decided}, {@code stage}). */
public class AlreadyDecided extends DomainConflict {

    public AlreadyDecided(int stageIndex, String stageName) {
        super(
                ErrorCodes.ALREADY_DECIDED,
                "You already decided in stage '" + stageName + "'; one decision per approver and stage",
                Map.of("stage", stageIndex));
    }
}
