package dev.miyabi.platform.search.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The table {@code search_chunks}: every source's passages and their vectors. */
@Repository
class SearchChunks {

    private static final String COLUMNS = """
            source_type, source_id, ordinal, owner_id, status, title, heading, module_number, lesson_number,
            section_number, language, body, embedding""";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    SearchChunks(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /**
     * Replaces the chunks of these sources in the caller's transaction (a source mapped to no chunks leaves).
     * A chunk whose text is unchanged keeps its vector (matched by content hash); the others wait for an
     * indexing job. Three statements whatever the number of sources. Returns how many need embedding.
     */
    int replace(Map<SourceKey, List<Chunk>> sources) {
        if (sources.isEmpty()) {
            return 0;
        }
        record Vector(byte[] embedding, Timestamp embeddedAt) {}
        Map<String, Vector> kept = new HashMap<>();
        jdbc.sql("SELECT source_type, source_id, content_hash, embedding, embedded_at FROM search_chunks WHERE "
                        + IN_SOURCES + " AND embedding IS NOT NULL FOR UPDATE")
                .params(sourceParams(sources.keySet()))
                .query(rs -> {
                    kept.put(
                            rs.getString(1) + ":" + rs.getObject(2, UUID.class) + ":"
                                    + HexFormat.of().formatHex(rs.getBytes(3)),
                            new Vector(rs.getBytes(4), rs.getTimestamp(5)));
                });
        jdbc.sql("DELETE FROM search_chunks WHERE " + IN_SOURCES)
                .params(sourceParams(sources.keySet()))
                .update();
        List<Object[]> rows = new ArrayList<>();
        int pending = 0;
        for (var entry : sources.entrySet()) {
            for (Chunk chunk : entry.getValue()) {
                byte[] hash = chunk.contentHash();
                Vector vector = kept.get(entry.getKey() + ":" + HexFormat.of().formatHex(hash));
                if (vector == null) {
                    pending++;
                }
                rows.add(new Object[] {
                    chunk.source().type().value(),
                    chunk.source().id(),
                    chunk.ordinal(),
                    chunk.ownerId(),
                    chunk.status(),
                    chunk.title(),
                    chunk.heading(),
                    chunk.module(),
                    chunk.lesson(),
                    chunk.section(),
                    chunk.language(),
                    chunk.body(),
                    hash,
                    vector == null ? null : vector.embedding(),
                    vector == null ? null : vector.embeddedAt()
                });
            }
        }
        int[] types = {
            Types.VARCHAR, Types.OTHER, Types.INTEGER, Types.OTHER, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
            Types.INTEGER, Types.INTEGER, Types.INTEGER, Types.VARCHAR, Types.VARCHAR, Types.BINARY, Types.BINARY,
            Types.TIMESTAMP
        };
        batch.batchUpdate("""
                INSERT INTO search_chunks (source_type, source_id, ordinal, owner_id, status, title, heading,
                    module_number, lesson_number, section_number, language, body, content_hash, embedding, embedded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, rows, types);
        return pending;
    }

    private static final String IN_SOURCES =
            "(source_type, source_id) IN (SELECT * FROM unnest(:types::varchar[], :ids::uuid[]))";

    private static Map<String, Object> sourceParams(Collection<SourceKey> sources) {
        List<String> types = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        sources.forEach(source -> {
            types.add(source.type().value());
            ids.add(source.id());
        });
        return Map.of("types", types.toArray(String[]::new), "ids", ids.toArray(UUID[]::new));
    }

    void delete(SourceKey source) {
        jdbc.sql("DELETE FROM search_chunks WHERE source_type = :type AND source_id = :id")
                .param("type", source.type().value())
                .param("id", source.id())
                .update();
    }

    /** The chunks of these sources, in order. */
    List<IndexedChunk> load(Collection<SourceKey> sources) {
        if (sources.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM search_chunks WHERE " + IN_SOURCES
                        + " ORDER BY source_type, source_id, ordinal")
                .params(sourceParams(sources))
                .query(SearchChunks::map)
                .list();
    }

    /** Every chunk, source by source, handed over as it is read (for rebuilding the index). */
    void forEach(Consumer<IndexedChunk> consumer) {
        jdbc.sql("SELECT " + COLUMNS + " FROM search_chunks ORDER BY source_type, source_id, ordinal")
                .withFetchSize(500)
                .query(rs -> {
                    consumer.accept(map(rs, 0));
                });
    }

    /** A batch of chunks waiting for vectors, locked for this transaction (others skip them). */
    List<Chunk> claimPending(int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM search_chunks WHERE embedding IS NULL
                        ORDER BY updated_at LIMIT :limit FOR UPDATE SKIP LOCKED
                        """).param("limit", limit).query(SearchChunks::map).list().stream()
                .map(IndexedChunk::chunk)
                .toList();
    }

    void storeEmbedding(Chunk chunk, float[] vector) {
        jdbc.sql("""
                        UPDATE search_chunks SET embedding = :embedding, embedded_at = now()
                        WHERE source_type = :type AND source_id = :id AND ordinal = :ordinal AND content_hash = :hash
                        """)
                .param("embedding", Embedder.toBytes(vector))
                .param("type", chunk.source().type().value())
                .param("id", chunk.source().id())
                .param("ordinal", chunk.ordinal())
                .param("hash", chunk.contentHash())
                .update();
    }

    /** Chunks and chunks without vectors. */
    record Counts(long chunks, long pending) {}

    Counts counts() {
        return jdbc.sql("SELECT count(*), count(*) FILTER (WHERE embedding IS NULL) FROM search_chunks")
                .query((rs, row) -> new Counts(rs.getLong(1), rs.getLong(2)))
                .single();
    }

    long pending() {
        return jdbc.sql("SELECT count(*) FROM search_chunks WHERE embedding IS NULL")
                .query(Long.class)
                .single();
    }

    /** Sources of one type that have chunks, after {@code after} in id order (for pruning vanished ones). */
    List<UUID> sourceIds(SourceType type, UUID after, int limit) {
        return jdbc.sql("""
                        SELECT DISTINCT source_id FROM search_chunks WHERE source_type = :type AND source_id > :after
                        ORDER BY source_id LIMIT :limit
                        """)
                .param("type", type.value())
                .param("after", after)
                .param("limit", limit)
                .query(UUID.class)
                .list();
    }

    private static IndexedChunk map(ResultSet rs, int row) throws SQLException {
        byte[] embedding = rs.getBytes("embedding");
        Chunk chunk = new Chunk(
                new SourceKey(
                        SourceType.parse(rs.getString("source_type")).orElseThrow(),
                        rs.getObject("source_id", UUID.class)),
                rs.getInt("ordinal"),
                rs.getObject("owner_id", UUID.class),
                rs.getString("status"),
                rs.getString("title"),
                rs.getString("heading"),
                rs.getObject("module_number", Integer.class),
                rs.getObject("lesson_number", Integer.class),
                rs.getObject("section_number", Integer.class),
                rs.getString("language"),
                rs.getString("body"));
        return new IndexedChunk(chunk, embedding == null ? null : Embedder.fromBytes(embedding));
    }
}
