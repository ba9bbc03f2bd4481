-- SLA clocks: severity, escalation and whether a deadline has passed, for lists and KPIs; and the due-time index
-- that silos scan to fire clocks. `due_claimed_until` is a silo's short lease on a due row, so silos scanning at
-- once split the due incidents between them; any recorded change of the incident clears it.
ALTER TABLE incidents
    ADD COLUMN severity text NOT NULL DEFAULT 'normal',
    ADD COLUMN next_due_at timestamptz NULL,
    ADD COLUMN due_claimed_until timestamptz NULL,
    ADD COLUMN overdue boolean NOT NULL DEFAULT false,
    ADD COLUMN escalation integer NOT NULL DEFAULT 0;
CREATE INDEX ix_incidents_next_due ON incidents (next_due_at) WHERE next_due_at IS NOT NULL;
CREATE INDEX ix_incidents_overdue_opened ON incidents (opened_at DESC) WHERE overdue;
