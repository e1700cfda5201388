-- The searchable content of ContentSearchAgent (203), as chunks: PostgreSQL is the source of truth, every
-- instance's Lucene index is rebuilt from these rows at start and kept current from the event log.

-- A customer's private library: the text extracted from each uploaded file (the file itself is not kept).
CREATE TABLE search_uploads (
    id          UUID PRIMARY KEY,
    user_id     UUID NOT NULL REFERENCES users (id),
    filename    VARCHAR(255) NOT NULL,
    media_type  VARCHAR(100) NOT NULL,
    size_bytes  BIGINT NOT NULL CHECK (size_bytes >= 0),
    sha256      BYTEA NOT NULL,
    title       VARCHAR(255) NOT NULL,
    content     TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT NOW()
);
CREATE INDEX idx_search_uploads_user ON search_uploads (user_id, created_at DESC, id);

-- One row per searchable passage: a product (name + description), a course's overview or one lesson, a
-- document section, a part of an upload. `owner_id` null = public (products, visible by `status`).
-- `embedding` is the all-MiniLM-L6-v2 vector (384 little-endian float32) of `title + heading + body`, null
-- until an indexing job embedded it; `content_hash` is the SHA-256 of that text, so a re-chunked passage
-- whose text did not change keeps its vector.
CREATE TABLE search_chunks (
    source_type     VARCHAR(10) NOT NULL,
    source_id       UUID NOT NULL,
    ordinal         INTEGER NOT NULL,
    owner_id        UUID,
    status          VARCHAR(10) NOT NULL,
    title           TEXT NOT NULL,
    heading         TEXT,
    module_number   INTEGER,
    lesson_number   INTEGER,
    section_number  INTEGER,
    language        VARCHAR(20) NOT NULL,
    body            TEXT NOT NULL,
    content_hash    BYTEA NOT NULL,
    embedding       BYTEA,
    embedded_at     TIMESTAMPTZ,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    PRIMARY KEY (source_type, source_id, ordinal),
    CONSTRAINT search_chunks_source_type CHECK (source_type IN ('product', 'course', 'document', 'upload')),
    CONSTRAINT search_chunks_status CHECK (status IN ('active', 'draft', 'archived')),
    CONSTRAINT search_chunks_ordinal CHECK (ordinal >= 0),
    CONSTRAINT search_chunks_embedding_size CHECK (embedding IS NULL OR length(embedding) = 1536)
);
-- What the indexing jobs still have to embed, oldest first.
CREATE INDEX idx_search_chunks_pending ON search_chunks (updated_at) WHERE embedding IS NULL;

-- The one coalescing slot of the indexing job: at most one queued indexing job at a time.
CREATE TABLE search_indexing (
    id          SMALLINT PRIMARY KEY CHECK (id = 1),
    job_id      UUID
);
INSERT INTO search_indexing (id, job_id) VALUES (1, NULL);
