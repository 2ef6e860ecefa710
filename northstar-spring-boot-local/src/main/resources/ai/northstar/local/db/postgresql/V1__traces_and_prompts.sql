-- The local NorthStar's tables, shaped like the backend's (sessions, runs, spans, events, scores, prompts, prompt
-- versions and prompt trace links) without project_id: a local store holds one project. The columns after the
-- backend's ones are a read model for the viewer, written by the store with each record.

CREATE TABLE sessions (
    id              UUID PRIMARY KEY,
    created_at      TIMESTAMPTZ NOT NULL,
    ended_at        TIMESTAMPTZ,
    metadata        JSONB NOT NULL DEFAULT '{}'::jsonb
);

CREATE TABLE runs (
    id              UUID PRIMARY KEY,
    session_id      UUID NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    started_at      TIMESTAMPTZ NOT NULL,
    ended_at        TIMESTAMPTZ,
    status          TEXT NOT NULL CHECK (status IN ('running', 'ok', 'error')),
    error           JSONB,
    metadata        JSONB NOT NULL DEFAULT '{}'::jsonb,
    stored_seq      BIGINT GENERATED ALWAYS AS IDENTITY,
    cost_usd        DOUBLE PRECISION,
    total_tokens    BIGINT,
    input_text      TEXT,
    output_text     TEXT,
    CONSTRAINT runs_stored_seq_unique UNIQUE (stored_seq)
);

CREATE INDEX idx_runs_session_id ON runs(session_id);
CREATE INDEX idx_runs_started_at ON runs(started_at);
CREATE INDEX idx_runs_name ON runs(name);

CREATE TABLE spans (
    id              UUID PRIMARY KEY,
    run_id          UUID NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    parent_span_id  UUID REFERENCES spans(id) ON DELETE SET NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('agent', 'workflow', 'model', 'tool', 'custom')),
    name            TEXT NOT NULL,
    started_at      TIMESTAMPTZ NOT NULL,
    ended_at        TIMESTAMPTZ,
    status          TEXT NOT NULL CHECK (status IN ('running', 'ok', 'error')),
    error           JSONB,
    iteration       INTEGER,
    attributes      JSONB NOT NULL DEFAULT '{}'::jsonb,
    model           TEXT,
    cost_usd        DOUBLE PRECISION,
    total_tokens    BIGINT,
    CONSTRAINT spans_id_run_unique UNIQUE (id, run_id)
);

CREATE INDEX idx_spans_run_id ON spans(run_id);
CREATE INDEX idx_spans_parent_span_id ON spans(parent_span_id);

CREATE TABLE events (
    id              UUID PRIMARY KEY,
    run_id          UUID NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    span_id         UUID REFERENCES spans(id) ON DELETE SET NULL,
    type            TEXT NOT NULL CHECK (type IN ('user_input', 'system_message', 'assistant_message', 'reasoning',
                        'tool_arguments', 'tool_result', 'final_response', 'custom')),
    created_at      TIMESTAMPTZ NOT NULL,
    content         JSONB NOT NULL,
    attributes      JSONB NOT NULL DEFAULT '{}'::jsonb
);

CREATE INDEX idx_events_run_id ON events(run_id);
CREATE INDEX idx_events_span_id ON events(span_id);

CREATE TABLE scores (
    id              UUID PRIMARY KEY,
    trace_id        UUID NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    span_id         UUID REFERENCES spans(id) ON DELETE CASCADE,
    name            TEXT NOT NULL CHECK (btrim(name) <> ''),
    value           DOUBLE PRECISION NOT NULL,
    data_type       TEXT NOT NULL CHECK (data_type IN ('numeric', 'categorical', 'boolean')),
    string_value    TEXT,
    source          TEXT NOT NULL CHECK (source IN ('human', 'api', 'auto')),
    comment         TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    -- a score's span belongs to the scored run (MATCH SIMPLE: not checked without a span)
    CONSTRAINT scores_span_of_trace_fk FOREIGN KEY (span_id, trace_id) REFERENCES spans(id, run_id) ON DELETE CASCADE,
    CONSTRAINT scores_categorical_value_check CHECK (
        (data_type = 'categorical' AND string_value IS NOT NULL AND btrim(string_value) <> '')
        OR (data_type <> 'categorical' AND string_value IS NULL)),
    CONSTRAINT scores_boolean_value_check CHECK (data_type <> 'boolean' OR value IN (0, 1))
);

CREATE INDEX idx_scores_trace_id ON scores(trace_id);

CREATE TABLE prompts (
    id              UUID PRIMARY KEY,
    name            TEXT NOT NULL CHECK (length(name) > 0),
    slug            TEXT NOT NULL CHECK (length(slug) > 0),
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    CONSTRAINT prompts_slug_unique UNIQUE (slug)
);

CREATE TABLE prompt_versions (
    id              UUID PRIMARY KEY,
    prompt_id       UUID NOT NULL REFERENCES prompts(id) ON DELETE CASCADE,
    version_number  INTEGER NOT NULL,
    content         TEXT NOT NULL CHECK (length(content) <= 65536),
    model           TEXT,
    temperature     NUMERIC(4,3) CHECK (temperature IS NULL OR (temperature >= 0 AND temperature <= 2)),
    max_tokens      INTEGER CHECK (max_tokens IS NULL OR max_tokens > 0),
    variables       JSONB NOT NULL DEFAULT '[]'::jsonb,
    content_hash    TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    CONSTRAINT prompt_versions_unique_number UNIQUE (prompt_id, version_number)
);

-- The backend keeps a prompt's labels as a JSON object {label: version id}; here one row per label
CREATE TABLE prompt_labels (
    prompt_id       UUID NOT NULL REFERENCES prompts(id) ON DELETE CASCADE,
    label           TEXT NOT NULL CHECK (length(label) > 0),
    version_id      UUID NOT NULL REFERENCES prompt_versions(id) ON DELETE CASCADE,
    PRIMARY KEY (prompt_id, label)
);

CREATE TABLE prompt_trace_links (
    id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    trace_id            UUID NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    span_id             UUID NOT NULL REFERENCES spans(id) ON DELETE CASCADE,
    prompt_version_id   UUID NOT NULL REFERENCES prompt_versions(id) ON DELETE CASCADE,
    variable_values     JSONB NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(variable_values) = 'object'),
    linked_at           TIMESTAMPTZ NOT NULL,
    CONSTRAINT prompt_trace_links_unique UNIQUE (span_id, prompt_version_id)
);

CREATE INDEX idx_prompt_trace_links_trace ON prompt_trace_links(trace_id);
