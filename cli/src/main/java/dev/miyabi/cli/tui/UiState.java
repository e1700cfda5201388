package dev.miyabi.cli.tui;

/** Where the user is on the dashboard: the focused pane, the selections, what is open. */
final class UiState {

    enum Pane {
        JOBS("Jobs"),
        ORDERS("Orders"),
        APPROVALS("Approvals"),
        AGENTS("Agents");

        final String title;

        Pane(String title) {
            this.title = title;
        }
    }

    enum Overlay {
        NONE,
        HELP,
        DETAIL
    }

    /** A decision being written: its word and the comment so far. */
    record Prompt(String decision, String approvalId, String label, StringBuilder comment) {}

    Pane focus = Pane.JOBS;
    final int[] selected = new int[Pane.values().length];
    Overlay overlay = Overlay.NONE;
    Prompt prompt;
    String flash;
    boolean flashIsError;
    long flashUntil;

    int selected(Pane pane) {
        return selected[pane.ordinal()];
    }

    void flash(String message, boolean error, long now) {
        flash = message;
        flashIsError = error;
        flashUntil = now + 6_000;
    }
}
