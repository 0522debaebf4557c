-- The shard maps the control plane published, newest = highest version. content is the map in the
-- peer protocol's ShardMapSnapshot encoding (protobuf), base64.
CREATE TABLE shard_map_version (
    version       BIGINT PRIMARY KEY,
    published_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    content       VARCHAR NOT NULL
);
