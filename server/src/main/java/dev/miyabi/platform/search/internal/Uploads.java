package dev.miyabi.platform.search.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The table {@code search_uploads}. */
@Repository
class Uploads {

    private static final String COLUMNS =
            "id, user_id, filename, media_type, size_bytes, title, char_length(content) AS characters, created_at";

    private final JdbcClient jdbc;

    Uploads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Upload upload, byte[] sha256, String content) {
        jdbc.sql("""
                        INSERT INTO search_uploads (id, user_id, filename, media_type, size_bytes, sha256, title, content,
                            created_at)
                        VALUES (:id, :user, :filename, :type, :size, :sha, :title, :content, :created)
                        """)
                .param("id", upload.id())
                .param("user", upload.userId())
                .param("filename", upload.filename())
                .param("type", upload.mediaType())
                .param("size", upload.sizeBytes())
                .param("sha", sha256)
                .param("title", upload.title())
                .param("content", content)
                .param("created", Timestamp.from(upload.createdAt()))
                .update();
    }

    Optional<Upload> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM search_uploads WHERE id = :id")
                .param("id", id)
                .query(Uploads::map)
                .optional();
    }

    Optional<String> content(UUID id) {
        return jdbc.sql("SELECT content FROM search_uploads WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .optional();
    }

    List<Upload> forUser(UUID userId, long offset, int limit, boolean ascending) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM search_uploads WHERE user_id = :user ORDER BY created_at "
                        + (ascending ? "ASC, id ASC" : "DESC, id DESC") + " OFFSET :offset LIMIT :limit")
                .param("user", userId)
                .param("offset", offset)
                .param("limit", limit)
                .query(Uploads::map)
                .list();
    }

    long countForUser(UUID userId) {
        return jdbc.sql("SELECT count(*) FROM search_uploads WHERE user_id = :user")
                .param("user", userId)
                .query(Long.class)
                .single();
    }

    boolean delete(UUID id) {
        return jdbc.sql("DELETE FROM search_uploads WHERE id = :id")
                        .param("id", id)
                        .update()
                > 0;
    }

    /** Upload ids after {@code after}, in id order (for re-chunking everything). */
    List<UUID> ids(UUID after, int limit) {
        return jdbc.sql("SELECT id FROM search_uploads WHERE id > :after ORDER BY id LIMIT :limit")
                .param("after", after)
                .param("limit", limit)
                .query(UUID.class)
                .list();
    }

    private static Upload map(ResultSet rs, int row) throws SQLException {
        return new Upload(
                rs.getObject("id", UUID.class),
                rs.getObject("user_id", UUID.class),
                rs.getString("filename"),
                rs.getString("media_type"),
                rs.getLong("size_bytes"),
                rs.getString("title"),
                rs.getInt("characters"),
                rs.getTimestamp("created_at").toInstant());
    }
}
