package dev.miyabi.cli.commands;

import dev.miyabi.cli.CliException;
import dev.miyabi.cli.api.MiyabiClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Ids on the command line: a whole UUID, or any prefix of 8 or more of its characters that names
 * exactly one resource the user can list. A prefix is resolved by reading the listing the server
 * gives this user, 100 items a page.
 */
public final class Ids {

    static final int MIN_PREFIX = 8;
    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern PREFIX = Pattern.compile("[0-9a-fA-F-]+");

    private Ids() {}

    /** A listing to search: its path and filters. */
    public record Listing(String path, Map<String, Object> query) {
        public static Listing of(String path, Object... query) {
            return new Listing(path, MiyabiClient.params(query));
        }
    }

    public static String product(MiyabiClient api, String id) {
        return resolve(api, "product", id, Listing.of("/api/products"));
    }

    public static String order(MiyabiClient api, String id) {
        return resolve(api, "order", id, Listing.of("/api/orders"));
    }

    public static String job(MiyabiClient api, String id) {
        return resolve(api, "job", id, Listing.of("/api/ai/jobs"));
    }

    public static String task(MiyabiClient api, String id) {
        return resolve(api, "agent task", id, Listing.of("/api/agents/tasks"));
    }

    /** Approval requests: the caller's own and those naming them, then those that asked them. */
    public static String approval(MiyabiClient api, String id) {
        return resolve(
                api,
                "approval request",
                id,
                Listing.of("/api/approvals"),
                Listing.of("/api/approvals", "askedMe", true));
    }

    /** A user by id (prefix) or by email. */
    public static JsonNode user(MiyabiClient api, String idOrEmail) {
        if (idOrEmail.contains("@")) {
            for (JsonNode user : api.get("/api/admin/users", MiyabiClient.params("q", idOrEmail, "size", 100))
                    .json()
                    .path("items")) {
                if (user.path("email").asString("").equalsIgnoreCase(idOrEmail)) {
                    return user;
                }
            }
            throw CliException.notFound("No user with the email " + idOrEmail + ".");
        }
        return find(api, "user", idOrEmail, List.of(Listing.of("/api/admin/users")));
    }

    public static String resolve(MiyabiClient api, String kind, String id, Listing... listings) {
        if (UUID.matcher(id).matches()) {
            return id.toLowerCase(Locale.ROOT);
        }
        return find(api, kind, id, List.of(listings)).path("id").asString();
    }

    private static JsonNode find(MiyabiClient api, String kind, String id, List<Listing> listings) {
        if (UUID.matcher(id).matches()) {
            for (Listing listing : listings) {
                for (JsonNode item : scan(api, listing, id.toLowerCase(Locale.ROOT))) {
                    return item;
                }
            }
            throw CliException.notFound("No " + kind + " " + id + ".");
        }
        if (id.length() < MIN_PREFIX || !PREFIX.matcher(id).matches()) {
            throw CliException.usage("Give the " + kind + "'s id, or at least " + MIN_PREFIX
                    + " of its first characters (got '" + id + "').");
        }
        String prefix = id.toLowerCase(Locale.ROOT);
        Map<String, JsonNode> matches = new LinkedHashMap<>();
        for (Listing listing : listings) {
            for (JsonNode item : scan(api, listing, prefix)) {
                matches.putIfAbsent(item.path("id").asString(), item);
            }
        }
        if (matches.isEmpty()) {
            throw CliException.notFound("No " + kind + " with an id starting with " + id + ".");
        }
        if (matches.size() > 1) {
            throw CliException.usage("'" + id + "' matches " + matches.size() + " " + kind + "s ("
                    + String.join(", ", matches.keySet()) + "): give more characters.");
        }
        return matches.values().iterator().next();
    }

    private static List<JsonNode> scan(MiyabiClient api, Listing listing, String prefix) {
        List<JsonNode> found = new ArrayList<>();
        for (int page = 0; ; page++) {
            Map<String, Object> query = new LinkedHashMap<>(listing.query());
            query.put("page", page);
            query.put("size", 100);
            JsonNode list = api.get(listing.path(), query).json();
            for (JsonNode item : list.path("items")) {
                if (item.path("id").asString("").startsWith(prefix)) {
                    found.add(item);
                }
            }
            if ((long) (page + 1) * 100 >= list.path("total").asLong(0)) {
                return found;
            }
        }
    }
}
