-- Generated courses (CourseGeneratorAgent, 201) and documents (DocumentGeneratorAgent, 202). One row per
-- AI job (job_id unique), so storing again after a crash between "stored" and "job completed" is a no-op.
CREATE TABLE courses (
    id                  UUID PRIMARY KEY,
    job_id              UUID NOT NULL UNIQUE REFERENCES ai_jobs (id),
    order_id            UUID REFERENCES orders (id),
    user_id             UUID NOT NULL REFERENCES users (id),
    title               VARCHAR(200) NOT NULL,
    description         TEXT NOT NULL,
    topic               VARCHAR(200) NOT NULL,
    target_audience     VARCHAR(200) NOT NULL,
    difficulty          VARCHAR(20) NOT NULL,
    format              VARCHAR(20) NOT NULL,
    language            VARCHAR(35) NOT NULL,
    estimated_hours     NUMERIC(5, 2) NOT NULL,
    prerequisites       JSONB NOT NULL DEFAULT '[]',
    assessment_strategy TEXT NOT NULL,
    generated_by        VARCHAR(160),
    created_at          TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    CONSTRAINT courses_difficulty_known CHECK (difficulty IN ('beginner', 'intermediate', 'advanced'))
);
CREATE INDEX idx_courses_user_created ON courses (user_id, created_at DESC, id);
CREATE INDEX idx_courses_order ON courses (order_id) WHERE order_id IS NOT NULL;

CREATE TABLE course_modules (
    id        UUID PRIMARY KEY,
    course_id UUID NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    title     TEXT NOT NULL,
    summary   TEXT NOT NULL,
    UNIQUE (course_id, position)
);

CREATE TABLE course_lessons (
    id               UUID PRIMARY KEY,
    module_id        UUID NOT NULL REFERENCES course_modules (id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    title            TEXT NOT NULL,
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes > 0),
    topics           JSONB NOT NULL DEFAULT '[]',
    content          TEXT NOT NULL,
    exercises        JSONB NOT NULL DEFAULT '[]',
    UNIQUE (module_id, position)
);

-- The quiz closing each module: one row per multiple-choice question.
CREATE TABLE course_quiz_questions (
    id           UUID PRIMARY KEY,
    module_id    UUID NOT NULL REFERENCES course_modules (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    question     TEXT NOT NULL,
    options      JSONB NOT NULL,
    answer_index INTEGER NOT NULL CHECK (answer_index >= 0),
    explanation  TEXT NOT NULL,
    UNIQUE (module_id, position),
    CONSTRAINT course_quiz_answer_in_options CHECK (answer_index < jsonb_array_length(options))
);

CREATE TABLE documents (
    id            UUID PRIMARY KEY,
    job_id        UUID NOT NULL UNIQUE REFERENCES ai_jobs (id),
    order_id      UUID REFERENCES orders (id),
    user_id       UUID NOT NULL REFERENCES users (id),
    document_type VARCHAR(20) NOT NULL,
    title         VARCHAR(200) NOT NULL,
    audience      VARCHAR(200) NOT NULL,
    tone          VARCHAR(50) NOT NULL,
    language      VARCHAR(35) NOT NULL,
    data_points   JSONB NOT NULL DEFAULT '{}',
    sections      JSONB NOT NULL,
    markdown      TEXT NOT NULL,
    generated_by  VARCHAR(160),
    created_at    TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    CONSTRAINT documents_type_known CHECK (document_type IN ('proposal', 'contract', 'report', 'presentation', 'faq'))
);
CREATE INDEX idx_documents_user_created ON documents (user_id, created_at DESC, id);
CREATE INDEX idx_documents_order ON documents (order_id) WHERE order_id IS NOT NULL;
