-- User administration: a user can be disabled (no login, its tokens stop working) and shows when it
-- last logged in with its password; a token can be revoked and shows when it was last used.
ALTER TABLE app_user ADD COLUMN enabled BOOLEAN DEFAULT TRUE NOT NULL;

ALTER TABLE app_user ADD COLUMN last_login_at TIMESTAMP WITH TIME ZONE;

ALTER TABLE api_token ADD COLUMN last_used_at TIMESTAMP WITH TIME ZONE;

ALTER TABLE api_token ADD COLUMN revoked_at TIMESTAMP WITH TIME ZONE;
