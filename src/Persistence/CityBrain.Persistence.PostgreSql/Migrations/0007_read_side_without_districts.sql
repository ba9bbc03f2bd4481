-- With PostgreSQL the read model is the only read side: region counts are added up here, not kept by district
-- grains, so open incidents are indexed by region. The duplicate sweep reads the open incidents whose evidence
-- or status changed since its last pass, not every change (an SLA threshold firing is not a reason to look for
-- duplicates): `correlation_changed_at` moves only then.
CREATE INDEX ix_incidents_open_regions ON incidents USING gin (region_codes) WHERE status = 'open';
ALTER TABLE incidents ADD COLUMN correlation_changed_at timestamptz NOT NULL DEFAULT now();
UPDATE incidents SET correlation_changed_at = updated_at;
CREATE INDEX ix_incidents_open_correlation_changed ON incidents (correlation_changed_at) WHERE status = 'open';
DROP INDEX ix_incidents_open_updated;
-- The sweep pairs each changed incident with open ones of its category in a band of latitude: an index range
-- scan per changed incident instead of a hash join of every open incident of the category with every other.
CREATE INDEX ix_incidents_open_category_latitude ON incidents (category, latitude) WHERE status = 'open';
