-- Orleans ADO.NET providers (Microsoft.Orleans.Clustering/Persistence/Reminders.AdoNet 10.4.x) on PostgreSQL 15+.
--
-- The providers read their SQL from OrleansQuery by key, bind parameters by name (DeploymentId, Version,
-- GrainIdHash, ...) and read result columns by name. This schema implements that contract with plain SQL
-- statements (no stored functions), each query a single atomic statement:
-- * clustering: InsertMembershipKey / UpdateMembershipKey change a member row only together with a bump of
--   the cluster's version row, and only if the caller read the current version (else 0 rows: the caller retries);
-- * persistence: Version is the ETag. A write with a stale ETag, or an insert over an existing row, changes
--   nothing and returns no row, which the provider raises as InconsistentStateException;
-- * reminders: an unconditional upsert; delete only at the expected Version.
-- Identifiers are unquoted, so PostgreSQL stores them in lower case; the providers read columns case-insensitively.

CREATE TABLE OrleansQuery (
    QueryKey  varchar(64)   NOT NULL CONSTRAINT OrleansQuery_Key PRIMARY KEY,
    QueryText varchar(8000) NOT NULL
);
-- Clustering: one version row per cluster (DeploymentId = ClusterId) and one row per silo incarnation.
CREATE TABLE OrleansMembershipVersionTable (
    DeploymentId varchar(150) NOT NULL PRIMARY KEY,
    Timestamp    timestamptz(3) NOT NULL DEFAULT now(),
    Version      integer NOT NULL DEFAULT 0
);
CREATE TABLE OrleansMembershipTable (
    DeploymentId varchar(150) NOT NULL REFERENCES OrleansMembershipVersionTable (DeploymentId),
    Address      varchar(45)  NOT NULL,
    Port         integer      NOT NULL,
    Generation   integer      NOT NULL,
    SiloName     varchar(150) NOT NULL,
    HostName     varchar(150) NOT NULL,
    Status       integer      NOT NULL,
    ProxyPort    integer      NULL,
    SuspectTimes varchar(8000) NULL,
    StartTime    timestamptz(3) NOT NULL,
    IAmAliveTime timestamptz(3) NOT NULL,
    PRIMARY KEY (DeploymentId, Address, Port, Generation)
);
INSERT INTO OrleansQuery VALUES
('InsertMembershipVersionKey', $q$
WITH ins AS (INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES (@DeploymentId)
             ON CONFLICT (DeploymentId) DO NOTHING RETURNING 1)
SELECT count(*)::int AS row_count FROM ins;$q$),
('InsertMembershipKey', $q$
WITH v AS (SELECT DeploymentId FROM OrleansMembershipVersionTable
           WHERE DeploymentId = @DeploymentId AND Version = @Version FOR UPDATE),
ins AS (INSERT INTO OrleansMembershipTable (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
        SELECT v.DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime FROM v
        ON CONFLICT (DeploymentId, Address, Port, Generation) DO NOTHING RETURNING DeploymentId),
upd AS (UPDATE OrleansMembershipVersionTable t SET Version = t.Version + 1, Timestamp = now()
        FROM ins WHERE t.DeploymentId = ins.DeploymentId RETURNING 1)
SELECT count(*)::int AS row_count FROM upd;$q$),
('UpdateMembershipKey', $q$
WITH v AS (SELECT DeploymentId FROM OrleansMembershipVersionTable
           WHERE DeploymentId = @DeploymentId AND Version = @Version FOR UPDATE),
m AS (UPDATE OrleansMembershipTable t SET Status = @Status, SuspectTimes = @SuspectTimes,
             IAmAliveTime = GREATEST(t.IAmAliveTime, @IAmAliveTime)
      FROM v WHERE t.DeploymentId = v.DeploymentId AND t.Address = @Address AND t.Port = @Port AND t.Generation = @Generation
      RETURNING t.DeploymentId),
upd AS (UPDATE OrleansMembershipVersionTable t SET Version = t.Version + 1, Timestamp = now()
        FROM m WHERE t.DeploymentId = m.DeploymentId RETURNING 1)
SELECT count(*)::int AS row_count FROM upd;$q$),
('UpdateIAmAlivetimeKey', $q$
UPDATE OrleansMembershipTable SET IAmAliveTime = GREATEST(IAmAliveTime, @IAmAliveTime)
WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation;$q$),
('MembershipReadRowKey', $q$
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
FROM OrleansMembershipVersionTable v
LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
     AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
WHERE v.DeploymentId = @DeploymentId;$q$),
('MembershipReadAllKey', $q$
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
FROM OrleansMembershipVersionTable v
LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
WHERE v.DeploymentId = @DeploymentId;$q$),
('DeleteMembershipTableEntriesKey', $q$
DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;$q$),
('GatewaysQueryKey', $q$
SELECT Address, ProxyPort, Generation FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0;$q$),
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId AND IAmAliveTime < @IAmAliveTime AND StartTime < @IAmAliveTime
  AND COALESCE(SuspectTimes, '') = '' AND Status = 6;$q$),
('CleanupDefunctSiloEntryKey', $q$
DELETE FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId AND Status = 6 AND Address = @Address AND Port = @Port AND Generation = @Generation
  AND IAmAliveTime = @IAmAliveTime AND StartTime = @StartTime
  AND COALESCE(SuspectTimes, '') = COALESCE(@SuspectTimes, '');$q$);
-- Grain state. A string-keyed grain is stored under its whole key in GrainIdExtensionString; GrainTypeString is the
-- state name, which is why every CityBrain state has its own name ("incident", "cell", ...).
CREATE TABLE OrleansStorage (
    GrainIdHash            integer      NOT NULL,
    GrainIdN0              bigint       NOT NULL,
    GrainIdN1              bigint       NOT NULL,
    GrainTypeHash          integer      NOT NULL,
    GrainTypeString        varchar(512) NOT NULL,
    GrainIdExtensionString varchar(512) NULL,
    ServiceId              varchar(150) NOT NULL,
    PayloadBinary          bytea        NULL,
    ModifiedOn             timestamptz  NOT NULL,
    Version                integer      NULL
);
CREATE UNIQUE INDEX UX_OrleansStorage ON OrleansStorage
    (GrainIdHash, GrainTypeHash, ServiceId, GrainIdN0, GrainIdN1, GrainTypeString, GrainIdExtensionString) NULLS NOT DISTINCT;
INSERT INTO OrleansQuery VALUES
('ReadFromStorageKey', $q$
SELECT PayloadBinary, Version FROM OrleansStorage
WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash AND ServiceId = @ServiceId
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1 AND GrainTypeString = @GrainTypeString
  AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString;$q$),
('WriteToStorageKey', $q$
WITH upd AS (
  UPDATE OrleansStorage SET PayloadBinary = @PayloadBinary, ModifiedOn = now(), Version = Version + 1
  WHERE @GrainStateVersion IS NOT NULL AND Version = @GrainStateVersion
    AND GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash AND ServiceId = @ServiceId
    AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1 AND GrainTypeString = @GrainTypeString
    AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
  RETURNING Version),
ins AS (
  INSERT INTO OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
  SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString, @ServiceId, @PayloadBinary, now(), 1
  WHERE @GrainStateVersion IS NULL
  ON CONFLICT DO NOTHING
  RETURNING Version)
SELECT Version AS NewGrainStateVersion FROM upd
UNION ALL SELECT Version FROM ins;$q$),
('ClearStorageKey', $q$
UPDATE OrleansStorage SET PayloadBinary = NULL, ModifiedOn = now(), Version = Version + 1
WHERE Version = @GrainStateVersion
  AND GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash AND ServiceId = @ServiceId
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1 AND GrainTypeString = @GrainTypeString
  AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
RETURNING Version AS NewGrainStateVersion;$q$),
('DeleteStorageKey', $q$
DELETE FROM OrleansStorage
WHERE Version = @GrainStateVersion
  AND GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash AND ServiceId = @ServiceId
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1 AND GrainTypeString = @GrainTypeString
  AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
RETURNING Version + 1 AS NewGrainStateVersion;$q$);
-- Reminders, keyed by the grain id string; GrainHash places them on the silos' hash ring.
CREATE TABLE OrleansRemindersTable (
    ServiceId    varchar(150) NOT NULL,
    GrainId      varchar(150) NOT NULL,
    ReminderName varchar(150) NOT NULL,
    StartTime    timestamptz(3) NOT NULL,
    Period       bigint  NOT NULL,
    GrainHash    integer NOT NULL,
    Version      integer NOT NULL,
    PRIMARY KEY (ServiceId, GrainId, ReminderName)
);
CREATE INDEX IX_OrleansReminders_Hash ON OrleansRemindersTable (ServiceId, GrainHash);
INSERT INTO OrleansQuery VALUES
('UpsertReminderRowKey', $q$
INSERT INTO OrleansRemindersTable (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
SET StartTime = EXCLUDED.StartTime, Period = EXCLUDED.Period, GrainHash = EXCLUDED.GrainHash,
    Version = OrleansRemindersTable.Version + 1
RETURNING Version;$q$),
('ReadReminderRowsKey', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId AND GrainId = @GrainId;$q$),
('ReadReminderRowKey', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName;$q$),
('ReadRangeRows1Key', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId AND GrainHash > @BeginHash AND GrainHash <= @EndHash;$q$),
('ReadRangeRows2Key', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId AND (GrainHash > @BeginHash OR GrainHash <= @EndHash);$q$),
('DeleteReminderRowKey', $q$
WITH d AS (DELETE FROM OrleansRemindersTable
           WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName AND Version = @Version
           RETURNING 1)
SELECT count(*)::int AS row_count FROM d;$q$),
('DeleteReminderRowsKey', $q$
DELETE FROM OrleansRemindersTable WHERE ServiceId = @ServiceId;$q$);
