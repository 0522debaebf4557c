-- Data centres a DC failover removed from the gateway endpoint directory, until their switchback.
CREATE TABLE gateway_directory_removal (
    dc            VARCHAR(64)  NOT NULL PRIMARY KEY,
    removed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    removed_by    VARCHAR(36)  NOT NULL,
    reason        VARCHAR(512) NOT NULL
);

-- The per-shard report of each DC_FAILOVER operation (DcFailoverReportView as JSON).
CREATE TABLE dc_failover_report (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    dc          VARCHAR(64)  NOT NULL,
    content     VARCHAR      NOT NULL
);
