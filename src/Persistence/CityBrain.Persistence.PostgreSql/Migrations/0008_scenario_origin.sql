-- The scenario (id and version) whose firing opened an incident; null for one an observation opened directly.
-- Set once, when the incident is opened.
ALTER TABLE incidents
    ADD COLUMN scenario_id text NULL,
    ADD COLUMN scenario_version integer NULL;
CREATE INDEX ix_incidents_scenario ON incidents (scenario_id, opened_at DESC) WHERE scenario_id IS NOT NULL;
