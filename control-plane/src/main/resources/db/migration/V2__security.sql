-- Console and API users; passwords are stored as DelegatingPasswordEncoder hashes ({bcrypt}...).
CREATE TABLE app_user (
    username      VARCHAR(64)  PRIMARY KEY,
    password_hash VARCHAR(255) NOT NULL,
    role          VARCHAR(16)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT app_user_role CHECK (role IN ('VIEWER', 'OPERATOR', 'ADMIN'))
);

-- API tokens: only the SHA-256 of the secret is kept.
CREATE TABLE api_token (
    id           VARCHAR(36)  PRIMARY KEY,
    username     VARCHAR(64)  NOT NULL REFERENCES app_user (username) ON DELETE CASCADE,
    token_hash   VARCHAR(64)  NOT NULL UNIQUE,
    label        VARCHAR(255) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX api_token_user ON api_token (username);
