-- A dead letter keeps at most a prefix of the raw bytes (Ingest:DeadLetterPayloadPrefixBytes), with the size and
-- SHA-256 (lower-case hex) of the whole message. Letters stored before this keep their whole payload; their size
-- and hash are taken from it.
ALTER TABLE dead_letters
    ADD COLUMN payload_size bigint NULL,
    ADD COLUMN payload_sha256 text NULL;
UPDATE dead_letters SET payload_size = octet_length(payload), payload_sha256 = encode(sha256(payload), 'hex');
ALTER TABLE dead_letters
    ALTER COLUMN payload_size SET NOT NULL,
    ALTER COLUMN payload_sha256 SET NOT NULL;
