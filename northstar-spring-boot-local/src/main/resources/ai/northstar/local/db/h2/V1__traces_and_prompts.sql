-- The local NorthStar's tables, shaped like the backend's (sessions, runs, spans, events, scores, prompts, prompt
-- versions and prompt trace links) without project_id: a local store holds one project. The columns after the
-- backend's ones are a read model for the viewer, written by the store with each record.

CREATE TABLE sessions (
    id              UUID PRIMARY KEY,
    created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    ended_at        TIMESTAMP(6) WITH TIME ZONE,
    metadata        CHARACTER LARGE OBJECT NOT NULL
);

CREATE TABLE runs (
    id              UUID PRIMARY KEY,
    session_id      UUID NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    name            CHARACTER VARYING NOT NULL,
    started_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    ended_at        TIMESTAMP(6) WITH TIME ZONE,
    status          CHARACTER VARYING NOT NULL CHECK (status IN ('running', 'ok', 'error')),
    error           CHARACTER LARGE OBJECT,
    metadata        CHARACTER LARGE OBJECT NOT NULL,
    stored_seq      BIGINT GENERATED ALWAYS AS IDENTITY,
    cost_usd        DOUBLE PRECISION,
    total_tokens    BIGINT,
    input_text      CHARACTER VARYING,
    output_text     CHARACTER VARYING,
    CONSTRAINT runs_stored_seq_unique UNIQUE (stored_seq)
);

CREATE INDEX idx_runs_session_id ON runs(session_id);
CREATE INDEX idx_runs_started_at ON runs(started_at);
CREATE INDEX idx_runs_name ON runs(name);

CREATE TABLE spans (
    id              UUID PRIMARY KEY,
    run_id          UUID NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    parent_span_id  UUID REFERENCES spans(id) ON DELETE SET NULL,
    kind            CHARACTER VARYING NOT NULL CHECK (kind IN ('agent', 'workflow', 'model', 'tool', 'custom')),
    name            CHARACTER VARYING NOT NULL,
    started_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    ended_at        TIMESTAMP(6) WITH TIME ZONE,
    status          CHARACTER VARYING NOT NULL CHECK (status IN ('running', 'ok', 'error')),
    error           CHARACTER LARGE OBJECT,
    iteration       INTEGER,
    attributes      CHARACTER LARGE OBJECT NOT NULL,
    model           CHARACTER VARYING,
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
    type            CHARACTER VARYING NOT NULL CHECK (type IN ('user_input', 'system_message', 'assistant_message', 'reasoning',
                        'tool_arguments', 'tool_result', 'final_response', 'custom')),
    created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    content         CHARACTER LARGE OBJECT NOT NULL,
    attributes      CHARACTER LARGE OBJECT NOT NULL
);

CREATE INDEX idx_events_run_id ON events(run_id);
CREATE INDEX idx_events_span_id ON events(span_id);

CREATE TABLE scores (
    id              UUID PRIMARY KEY,
    trace_id        UUID NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    span_id         UUID REFERENCES spans(id) ON DELETE CASCADE,
    name            CHARACTER VARYING NOT NULL CHECK (TRIM(name) <> ''),
    value           DOUBLE PRECISION NOT NULL,
    data_type       CHARACTER VARYING NOT NULL CHECK (data_type IN ('numeric', 'categorical', 'boolean')),
    string_value    CHARACTER VARYING,
    source          CHARACTER VARYING NOT NULL CHECK (source IN ('human', 'api', 'auto')),
    comment         CHARACTER VARYING,
    created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    -- a score's span belongs to the scored run (MATCH SIMPLE: not checked without a span)
    CONSTRAINT scores_span_of_trace_fk FOREIGN KEY (span_id, trace_id) REFERENCES spans(id, run_id) ON DELETE CASCADE,
    CONSTRAINT scores_categorical_value_check CHECK (
        (data_type = 'categorical' AND string_value IS NOT NULL AND TRIM(string_value) <> '')
        OR (data_type <> 'categorical' AND string_value IS NULL)),
    CONSTRAINT scores_boolean_value_check CHECK (data_type <> 'boolean' OR value IN (0, 1))
);

CREATE INDEX idx_scores_trace_id ON scores(trace_id);

CREATE TABLE prompts (
    id              UUID PRIMARY KEY,
    name            CHARACTER VARYING NOT NULL CHECK (CHAR_LENGTH(name) > 0),
    slug            CHARACTER VARYING NOT NULL CHECK (CHAR_LENGTH(slug) > 0),
    created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT prompts_slug_unique UNIQUE (slug)
);

CREATE TABLE prompt_versions (
    id              UUID PRIMARY KEY,
    prompt_id       UUID NOT NULL REFERENCES prompts(id) ON DELETE CASCADE,
    version_number  INTEGER NOT NULL,
    content         CHARACTER VARYING NOT NULL CHECK (CHAR_LENGTH(content) <= 65536),
    model           CHARACTER VARYING,
    temperature     NUMERIC(4,3) CHECK (temperature IS NULL OR (temperature >= 0 AND temperature <= 2)),
    max_tokens      INTEGER CHECK (max_tokens IS NULL OR max_tokens > 0),
    variables       CHARACTER LARGE OBJECT NOT NULL,
    content_hash    CHARACTER VARYING NOT NULL,
    created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT prompt_versions_unique_number UNIQUE (prompt_id, version_number)
);

-- The backend keeps a prompt's labels as a JSON object {label: version id}; here one row per label
CREATE TABLE prompt_labels (
    prompt_id       UUID NOT NULL REFERENCES prompts(id) ON DELETE CASCADE,
    label           CHARACTER VARYING NOT NULL CHECK (CHAR_LENGTH(label) > 0),
    version_id      UUID NOT NULL REFERENCES prompt_versions(id) ON DELETE CASCADE,
    PRIMARY KEY (prompt_id, label)
);

CREATE TABLE prompt_trace_links (
    id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    trace_id            UUID NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    span_id             UUID NOT NULL REFERENCES spans(id) ON DELETE CASCADE,
    prompt_version_id   UUID NOT NULL REFERENCES prompt_versions(id) ON DELETE CASCADE,
    variable_values     CHARACTER LARGE OBJECT NOT NULL,
    linked_at           TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT prompt_trace_links_unique UNIQUE (span_id, prompt_version_id)
);

CREATE INDEX idx_prompt_trace_links_trace ON prompt_trace_links(trace_id);
