-- Failover drill reports, one per DRILL operation, written when the drill ends.
CREATE TABLE drill_report (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    node        VARCHAR(64)  NOT NULL,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    passed      BOOLEAN      NOT NULL,
    content     VARCHAR      NOT NULL
);

CREATE INDEX drill_report_started_at ON drill_report (started_at);
