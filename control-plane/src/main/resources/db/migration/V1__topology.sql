-- Topology as the control plane knows it: data centres and the runtime nodes in them.
CREATE TABLE data_center (
    id          VARCHAR(64)  PRIMARY KEY,
    name        VARCHAR(128) NOT NULL,
    region      VARCHAR(32)  NOT NULL,
    first_shard INT          NOT NULL,
    last_shard  INT          NOT NULL,
    position    INT          NOT NULL,
    CONSTRAINT data_center_shards CHECK (first_shard >= 0 AND last_shard >= first_shard)
);

CREATE TABLE node (
    id              VARCHAR(64)  PRIMARY KEY,
    dc_id           VARCHAR(64)  NOT NULL REFERENCES data_center (id),
    roles           VARCHAR(128) NOT NULL,
    host            VARCHAR(255) NOT NULL,
    gateway_port    INT,
    admin_port      INT          NOT NULL,
    health          VARCHAR(16)  NOT NULL,
    health_since    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error      VARCHAR(1024)
);

CREATE INDEX node_dc ON node (dc_id);
