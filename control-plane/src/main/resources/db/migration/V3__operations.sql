-- Durable long-running operations (package io.switchboard.controlplane.operation).
-- Free text (reasons, details, descriptions, parameter values) is VARCHAR without a length
-- (unbounded on PostgreSQL, 1 MB on H2): a long failure message must never stop an operation
-- from being recorded.

-- One row per operation; version is the optimistic lock, incremented by every transition.
CREATE TABLE operation (
    id                VARCHAR(64)  PRIMARY KEY,
    type              VARCHAR(32)  NOT NULL,
    requester         VARCHAR(64)  NOT NULL,
    approval_required BOOLEAN      NOT NULL,
    state             VARCHAR(16)  NOT NULL,
    approver          VARCHAR(64),
    failure           VARCHAR,
    cancel_requested  BOOLEAN      NOT NULL,
    cancelled_by      VARCHAR(64),
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    version           BIGINT       NOT NULL,
    CONSTRAINT operation_state CHECK (state IN
        ('PLANNED', 'APPROVED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'ROLLED_BACK'))
);

CREATE INDEX operation_created ON operation (created_at);
CREATE INDEX operation_by_state ON operation (state);

-- The plan's steps in order (position 0 first) with their progress.
CREATE TABLE operation_step (
    operation_id VARCHAR(64)  NOT NULL REFERENCES operation (id) ON DELETE CASCADE,
    position     INT          NOT NULL,
    name         VARCHAR(64)  NOT NULL,
    description  VARCHAR      NOT NULL,
    state        VARCHAR(16)  NOT NULL,
    detail       VARCHAR,
    started_at   TIMESTAMP WITH TIME ZONE,
    finished_at  TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (operation_id, position),
    CONSTRAINT operation_step_state CHECK (state IN
        ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'SKIPPED'))
);

-- Parameters (fixed at planning, never updated), in the planner's order.
CREATE TABLE operation_parameter (
    operation_id VARCHAR(64)  NOT NULL REFERENCES operation (id) ON DELETE CASCADE,
    position     INT          NOT NULL,
    name         VARCHAR(128) NOT NULL,
    content      VARCHAR      NOT NULL,
    PRIMARY KEY (operation_id, name)
);

-- What an operation touches (shard:17, node:americas-1, dc:europe); fixed at planning.
CREATE TABLE operation_resource (
    operation_id VARCHAR(64)  NOT NULL REFERENCES operation (id) ON DELETE CASCADE,
    resource     VARCHAR(255) NOT NULL,
    PRIMARY KEY (operation_id, resource)
);

CREATE INDEX operation_resource_by_resource ON operation_resource (resource);
