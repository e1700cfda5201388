package dev.miyabi.platform.state.internal;

import dev.miyabi.platform.state.CompositeServiceState;
import dev.miyabi.platform.state.StateManager;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@PreAuthorize("hasRole('admin')")
@Tag(name = "State", description = "The live platform state and the metrics summary (admins)")
class StateController {

    private final StateManager state;

    StateController(StateManager state) {
        this.state = state;
    }

    @GetMapping("/api/state")
    @Operation(
            summary = "The CompositeServiceState of the answering instance",
            description = "Counts and recent items; `version` is the id of the last client event applied, the"
                    + " same on every instance once they are quiet")
    CompositeServiceState state() {
        return state.current();
    }
}
