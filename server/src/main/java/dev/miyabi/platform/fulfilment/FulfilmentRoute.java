package dev.miyabi.platform.fulfilment;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a paid order is fulfilled. */
public enum FulfilmentRoute {
    /** An AI job (course or document generation) run by its agent. */
    AI_JOB,
    /** A search-access grant made by the ContentSearchAgent (203). */
    SEARCH_ACCESS,
    /** A manual task on the agent board, done by staff and completed by an admin. */
    STAFF_TASK;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
