-- The duplicate sweep reads the open incidents changed since its last pass.
CREATE INDEX ix_incidents_open_updated ON incidents (updated_at) WHERE status = 'open';
