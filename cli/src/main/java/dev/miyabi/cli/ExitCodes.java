package dev.miyabi.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** The exit codes of every command, as {@code --help} lists them. */
public final class ExitCodes {

    public static final int OK = 0;
    /** The server refused the request (validation, a rule, a wrong password, a declined card…). */
    public static final int REFUSED = 1;

    public static final int USAGE = 2;
    public static final int NOT_LOGGED_IN = 3;
    public static final int NOT_FOUND = 4;
    public static final int UNREACHABLE = 5;
    /** {@code jobs watch} / {@code orders watch}: the job or order ended without completing. */
    public static final int NOT_COMPLETED = 6;

    private ExitCodes() {}

    static Map<String, String> helpList() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("0", "OK");
        codes.put("1", "Refused by the server (invalid input, a rule, a wrong password, a declined card)");
        codes.put("2", "Usage error (unknown option, missing argument, ambiguous id prefix)");
        codes.put("3", "Not logged in, or the session ended: run 'miyabi login'");
        codes.put("4", "Not found (unknown id, or one you may not see)");
        codes.put("5", "Server unreachable (checked before the login state)");
        codes.put("6", "Watched job or order ended without completing (failed, cancelled, rejected)");
        return codes;
    }
}
