-- KPI facts per case, written with every audited change of an incident (not with evidence): what the closed
-- loop's yardsticks are computed from. The SLA arrays hold one entry per stage (accept, dispatch, handle, close):
-- clocks that met their deadline, clocks that missed it, and the running clock's deadline (null when none runs).
CREATE TABLE case_facts (
    incident_id   text PRIMARY KEY,
    category      text NOT NULL,
    region_codes  text[] NOT NULL,
    department    text NULL,
    detected_at   timestamptz NOT NULL,
    closed_at     timestamptz NULL,
    rejected      boolean NOT NULL,
    merged        boolean NOT NULL,
    reopened      integer NOT NULL,
    score         integer NULL,
    sla_met       integer[] NOT NULL,
    sla_missed    integer[] NOT NULL,
    sla_deadline  timestamptz[] NOT NULL,
    version       bigint NOT NULL
);
CREATE INDEX ix_case_facts_detected ON case_facts (detected_at);
CREATE INDEX ix_case_facts_region_codes ON case_facts USING gin (region_codes);

-- Incidents recorded before this table existed: what the read model and the audit log tell. Their SLA clocks
-- and scores are not known, so they count in every figure but the on-time rates and satisfaction.
INSERT INTO case_facts (incident_id, category, region_codes, department, detected_at, closed_at, rejected, merged, reopened, score,
                        sla_met, sla_missed, sla_deadline, version)
SELECT i.id, i.category, i.region_codes, i.department,
       coalesce((SELECT min(a.at) FROM incident_audit a WHERE a.incident_id = i.id), i.opened_at),
       CASE WHEN i.stage IN ('closed', 'evaluated') AND i.status <> 'merged' THEN i.closed_at END,
       i.stage = 'rejected', i.status = 'merged',
       (SELECT count(*) FROM incident_audit a WHERE a.incident_id = i.id AND a.kind = 'reopened'),
       NULL, ARRAY[0, 0, 0, 0], ARRAY[0, 0, 0, 0], ARRAY[NULL, NULL, NULL, NULL]::timestamptz[], i.version
FROM incidents i;
