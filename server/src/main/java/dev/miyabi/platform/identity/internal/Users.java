package dev.miyabi.platform.identity.internal;

import dev.miyabi.platform.identity.Role;
import dev.miyabi.platform.shared.PageQuery;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code users} table. */
@Repository
class Users {

    /** The length of {@code users.email}: an address, lower-cased, longer than this cannot be an account's. */
    static final int MAX_EMAIL_LENGTH = 255;

    static final Map<String, String> SORTABLE = Map.of("createdAt", "created_at", "email", "email", "name", "name");

    private static final String COLUMNS = "id, email, name, password_hash, roles, version, created_at, updated_at";

    private final JdbcClient jdbc;

    Users(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a user; returns empty when the email is taken. */
    Optional<UserAccount> insert(String email, @Nullable String name, String passwordHash, Set<Role> roles) {
        return jdbc.sql("""
                        INSERT INTO users (email, name, password_hash, roles)
                        VALUES (:email, :name, :hash, :roles)
                        ON CONFLICT (email) DO NOTHING
                        RETURNING %s
                        """.formatted(COLUMNS))
                .param("email", email)
                .param("name", name)
                .param("hash", passwordHash)
                .param("roles", roleArray(roles))
                .query(Users::map)
                .optional();
    }

    Optional<UserAccount> findByEmail(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE email = :email")
                .param("email", email)
                .query(Users::map)
                .optional();
    }

    Optional<UserAccount> findById(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = :id")
                .param("id", id)
                .query(Users::map)
                .optional();
    }

    /** The user's roles as they are now; empty when no such user exists. */
    Optional<Set<Role>> currentRoles(UUID id) {
        return jdbc.sql("SELECT roles FROM users WHERE id = :id")
                .param("id", id)
                .query((rs, row) -> roles(rs.getArray("roles")))
                .optional();
    }

    /** Locks the user row for the rest of the transaction. */
    Optional<UserAccount> lockById(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(Users::map)
                .optional();
    }

    List<UserAccount> withRole(Role role) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM users WHERE roles @> ARRAY[:role]::VARCHAR(20)[] ORDER BY created_at, id")
                .param("role", role.value())
                .query(Users::map)
                .list();
    }

    long countWithRole(Role role) {
        return jdbc.sql("SELECT count(*) FROM users WHERE roles @> ARRAY[:role]::VARCHAR(20)[]")
                .param("role", role.value())
                .query(Long.class)
                .single();
    }

    List<UserAccount> page(@Nullable String search, @Nullable Role role, PageQuery page) {
        String order = SORTABLE.get(page.sortField()) + " " + page.direction() + ", id";
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE " + filter() + " ORDER BY " + order
                        + " LIMIT :limit OFFSET :offset")
                .param("search", search == null ? null : "%" + escapeLike(search.toLowerCase()) + "%")
                .param("role", role == null ? null : role.value())
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(Users::map)
                .list();
    }

    long count(@Nullable String search, @Nullable Role role) {
        return jdbc.sql("SELECT count(*) FROM users WHERE " + filter())
                .param("search", search == null ? null : "%" + escapeLike(search.toLowerCase()) + "%")
                .param("role", role == null ? null : role.value())
                .query(Long.class)
                .single();
    }

    UserAccount updateRoles(UUID id, Set<Role> roles) {
        return jdbc.sql("""
                        UPDATE users SET roles = :roles, version = version + 1, updated_at = now()
                        WHERE id = :id
                        RETURNING %s
                        """.formatted(COLUMNS))
                .param("id", id)
                .param("roles", roleArray(roles))
                .query(Users::map)
                .single();
    }

    /** Sets a new password hash; the user must exist (the caller holds a lock or just read it). */
    UserAccount updatePassword(UUID id, String passwordHash) {
        return jdbc.sql("""
                        UPDATE users SET password_hash = :hash, version = version + 1, updated_at = now()
                        WHERE id = :id
                        RETURNING %s
                        """.formatted(COLUMNS))
                .param("id", id)
                .param("hash", passwordHash)
                .query(Users::map)
                .single();
    }

    Optional<UserAccount> updateName(UUID id, String name) {
        return jdbc.sql("""
                        UPDATE users SET name = :name, version = version + 1, updated_at = now()
                        WHERE id = :id
                        RETURNING %s
                        """.formatted(COLUMNS))
                .param("id", id)
                .param("name", name)
                .query(Users::map)
                .optional();
    }

    private static String filter() {
        return """
                (CAST(:search AS TEXT) IS NULL OR lower(email) LIKE :search OR lower(coalesce(name, '')) LIKE :search)
                AND (CAST(:role AS TEXT) IS NULL OR roles @> ARRAY[CAST(:role AS VARCHAR(20))])
                """;
    }

    private static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String[] roleArray(Set<Role> roles) {
        return roles.stream().map(Role::value).sorted().toArray(String[]::new);
    }

    private static UserAccount map(ResultSet rs, int row) throws SQLException {
        return new UserAccount(
                rs.getObject("id", UUID.class),
                rs.getString("email"),
                rs.getString("name"),
                rs.getString("password_hash"),
                roles(rs.getArray("roles")),
                rs.getLong("version"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static Set<Role> roles(Array array) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Object value : (Object[]) array.getArray()) {
            Role.parse((String) value).ifPresent(roles::add);
        }
        return roles;
    }
}
