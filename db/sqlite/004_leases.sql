-- ParamQuiz schema 4: several processes on one store. A round is closed and revealed by the
-- process holding its lease; when that process stops renewing it, another takes the round over.
-- Signed Slack requests are remembered for a few minutes, so a replay runs at most once whichever
-- process it reaches.

ALTER TABLE rounds ADD COLUMN lease_owner TEXT;
ALTER TABLE rounds ADD COLUMN lease_until INTEGER;

CREATE TABLE seen_requests (
  key         TEXT PRIMARY KEY,                -- signature:timestamp
  expires_at  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX seen_requests_expiry ON seen_requests (expires_at);
