package dev.miyabi.platform.aijobs;

import java.util.Objects;
import tools.jackson.databind.JsonNode;

/** How an attempt ended when it did not throw: the job completed, or it failed for good (no retry). */
public sealed interface JobOutcome {

    /** The job is done; {@code output} is stored as its result. */
    record Completed(JsonNode output) implements JobOutcome {
        public Completed {
            Objects.requireNonNull(output, "output");
        }
    }

    /** The job cannot succeed (e.g. its input is unusable): it fails now, whatever attempts remain. */
    record Failed(String error) implements JobOutcome {
        public Failed {
            Objects.requireNonNull(error, "error");
        }
    }

    static JobOutcome completed(JsonNode output) {
        return new Completed(output);
    }

    static JobOutcome failed(String error) {
        return new Failed(error);
    }
}
