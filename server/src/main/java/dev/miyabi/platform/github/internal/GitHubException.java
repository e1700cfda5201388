package dev.miyabi.platform.github.internal;

/** A request GitHub refused or that never got an answer; the message is GitHub's (never a secret). */
class GitHubException extends RuntimeException {

    private final int status;

    GitHubException(int status, String message) {
        super(message);
        this.status = status;
    }

    GitHubException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    /** A 422 saying the thing exists already (a label created by someone else first). */
    boolean alreadyExists() {
        return status == 422 && getMessage() != null && getMessage().contains("already_exists");
    }

    /** The HTTP status, 0 when there was no answer. */
    int status() {
        return status;
    }
}
