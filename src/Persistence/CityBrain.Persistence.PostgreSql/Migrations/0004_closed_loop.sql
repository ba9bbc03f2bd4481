-- The closed loop: each incident's case stage and lead department in the read model, and in the audit log who
-- acted in what role and how the stage moved. Incidents resolved before the loop existed count as closed.
ALTER TABLE incidents
    ADD COLUMN stage text NOT NULL DEFAULT 'detected',
    ADD COLUMN department text NULL;
UPDATE incidents SET stage = 'closed' WHERE status = 'resolved';
CREATE INDEX ix_incidents_department_opened ON incidents (department, opened_at DESC);

ALTER TABLE incident_audit
    ADD COLUMN role text NULL,
    ADD COLUMN stage_before text NULL,
    ADD COLUMN stage_after text NULL;
