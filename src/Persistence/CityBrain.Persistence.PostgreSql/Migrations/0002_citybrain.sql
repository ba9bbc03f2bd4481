-- CityBrain's own tables: what grains are bad at (queries across incidents) and what must outlive a grain
-- (the audit log, every piece of evidence, dead letters). Grains write them; nothing here is derived from them
-- by reading grain state.

-- The incident read model: one row per incident, upserted on every change. `version` is the incident's change
-- counter: an older change arriving late (a retry after a crash) never overwrites a newer one.
CREATE TABLE incidents (
    id               text PRIMARY KEY,
    category         text NOT NULL,
    status           text NOT NULL CHECK (status IN ('open', 'resolved', 'merged')),
    longitude        double precision NOT NULL,
    latitude         double precision NOT NULL,
    region_codes     text[] NOT NULL,
    opened_at        timestamptz NOT NULL,
    last_evidence_at timestamptz NOT NULL,
    evidence_count   integer NOT NULL,
    closed_at        timestamptz NULL,
    merged_into      text NULL,
    version          bigint NOT NULL,
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_incidents_region_codes ON incidents USING gin (region_codes);
CREATE INDEX ix_incidents_opened ON incidents (opened_at DESC, id);
CREATE INDEX ix_incidents_status_opened ON incidents (status, opened_at DESC);
CREATE INDEX ix_incidents_category_opened ON incidents (category, opened_at DESC);

-- Append-only audit trail: every state change of every incident, numbered per incident.
CREATE TABLE incident_audit (
    incident_id   text NOT NULL,
    sequence      bigint NOT NULL,
    at            timestamptz NOT NULL,
    kind          text NOT NULL,
    actor         text NULL,
    status_before text NULL,
    status_after  text NOT NULL,
    detail        text NULL,
    PRIMARY KEY (incident_id, sequence)
);

-- Every event that became evidence, once, with the incident that holds it now (a merge moves it).
CREATE TABLE incident_evidence (
    source       text NOT NULL,
    event_id     text NOT NULL,
    incident_id  text NOT NULL,
    point_id     text NOT NULL,
    kind         text NOT NULL,
    topic        text NOT NULL,
    observed_at  timestamptz NOT NULL,
    longitude    double precision NOT NULL,
    latitude     double precision NOT NULL,
    region_codes text[] NOT NULL,
    value        double precision NULL,
    unit         text NULL,
    description  text NULL,
    recorded_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source, event_id)
);
CREATE INDEX ix_incident_evidence_incident ON incident_evidence (incident_id, observed_at);

-- Refused messages, kept with their raw bytes and reason.
CREATE TABLE dead_letters (
    id          uuid PRIMARY KEY,
    received_at timestamptz NOT NULL,
    transport   text NOT NULL,
    origin      text NOT NULL,
    field       text NOT NULL,
    reason      text NOT NULL,
    event_id    text NULL,
    source      text NULL,
    payload     bytea NOT NULL
);
CREATE INDEX ix_dead_letters_received ON dead_letters (received_at DESC, id);
