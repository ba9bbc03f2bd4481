-- Whether the incident's grain state is known to be stored. The journal writes a row before the grain writes its
-- state, so a crash in between leaves a row with no state behind it. A new row is unconfirmed; any later change
-- confirms it (a grain changes a case only from a stored state), and the state sweep confirms the rest once it
-- has made sure their grain holds a state. Rows from before this column are taken as confirmed.
ALTER TABLE incidents ADD COLUMN state_confirmed boolean NOT NULL DEFAULT true;
-- Indexed by id rather than by the time of the last change: updated_at moves with every change of every incident,
-- and an index on it would be one more index entry to write per change.
CREATE INDEX ix_incidents_unconfirmed ON incidents (id) WHERE NOT state_confirmed;
