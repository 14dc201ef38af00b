-- ParamQuiz on PostgreSQL, schema 1: the same tables, columns and invariants as the SQLite
-- history (db/sqlite/001-004), written for PostgreSQL. Times are epoch milliseconds (BIGINT),
-- counts are exact decimal strings (TEXT), booleans are BOOLEAN.

CREATE TABLE scopes (
  id            TEXT PRIMARY KEY,              -- 'discord:<guild>', 'slack:<team>', 'shell:local'
  timezone      TEXT NOT NULL,                 -- IANA name; weeks are ISO weeks in this zone
  language      TEXT NOT NULL CHECK (language IN ('en', 'zh-TW')),
  created_at    BIGINT NOT NULL,
  quiz_channel  TEXT,                          -- where standings and weekly quizzes go
  levels        TEXT NOT NULL DEFAULT '',      -- comma list of levels /quiz may use; '' = all
  topics        TEXT NOT NULL DEFAULT '',      -- comma list of topics; '' = all
  round_seconds INTEGER,                       -- NULL: the configured default
  scoring       TEXT NOT NULL DEFAULT 'capped' CHECK (scoring IN ('capped', 'all', 'scheduled')),
  daily_cap     INTEGER NOT NULL DEFAULT 10 CHECK (daily_cap BETWEEN 0 AND 1000)
);

CREATE TABLE members (
  id           BIGSERIAL PRIMARY KEY,
  scope_id     TEXT NOT NULL REFERENCES scopes(id),
  user_id      TEXT NOT NULL,                  -- the platform's own user id
  display_name TEXT NOT NULL,
  UNIQUE (scope_id, user_id)
);

CREATE TABLE rounds (
  id            BIGSERIAL PRIMARY KEY,
  scope_id      TEXT NOT NULL REFERENCES scopes(id),
  channel_id    TEXT NOT NULL,
  seed          BIGINT NOT NULL,
  generator     INTEGER NOT NULL,
  level         TEXT NOT NULL CHECK (level IN ('easy', 'medium', 'hard')),
  topic         TEXT NOT NULL,
  question_key  TEXT NOT NULL,
  answer        TEXT NOT NULL,
  lang          TEXT NOT NULL CHECK (lang IN ('en', 'zh-TW')),
  opened_by     BIGINT REFERENCES members(id),
  opened_at     BIGINT NOT NULL,
  closes_at     BIGINT NOT NULL,
  closed_at     BIGINT,
  close_reason  TEXT CHECK (close_reason IN ('timeout', 'admin')),
  revealed_at   BIGINT,
  message_ref   TEXT,
  scoring       TEXT NOT NULL DEFAULT 'scored' CHECK (scoring IN ('scored', 'capped', 'practice')),
  lease_owner   TEXT,                          -- the process that closes and reveals it
  lease_until   BIGINT                         -- another process takes it over after this
);
CREATE UNIQUE INDEX rounds_one_open_per_channel ON rounds (scope_id, channel_id) WHERE closed_at IS NULL;
CREATE INDEX rounds_by_scope ON rounds (scope_id, id);
CREATE INDEX rounds_unrevealed ON rounds (closes_at) WHERE revealed_at IS NULL;

CREATE TABLE answers (
  id           BIGSERIAL PRIMARY KEY,
  round_id     BIGINT NOT NULL REFERENCES rounds(id),
  member_id    BIGINT NOT NULL REFERENCES members(id),
  value        TEXT NOT NULL,
  correct      BOOLEAN NOT NULL,
  first        BOOLEAN NOT NULL,
  mistake      TEXT,
  points       INTEGER NOT NULL,
  answered_at  BIGINT NOT NULL,
  scored       BOOLEAN NOT NULL DEFAULT TRUE,
  capped       BOOLEAN NOT NULL DEFAULT FALSE,
  bonus        INTEGER NOT NULL DEFAULT 0,
  UNIQUE (round_id, member_id)
);
CREATE UNIQUE INDEX answers_one_first_per_round ON answers (round_id) WHERE first;
CREATE INDEX answers_by_member ON answers (member_id, id);
CREATE INDEX answers_capped_by_member ON answers (member_id, answered_at) WHERE capped;

CREATE TABLE scores (
  scope_id   TEXT NOT NULL,
  board      TEXT NOT NULL,
  member_id  BIGINT NOT NULL REFERENCES members(id),
  points     INTEGER NOT NULL,
  correct    INTEGER NOT NULL,
  answered   INTEGER NOT NULL,
  PRIMARY KEY (scope_id, board, member_id)
);
-- Covering (INCLUDE answered): a page is read from the index alone.
CREATE INDEX scores_ranking ON scores (scope_id, board, points DESC, correct DESC, member_id) INCLUDE (answered);

CREATE TABLE schedules (
  id           BIGSERIAL PRIMARY KEY,
  scope_id     TEXT NOT NULL REFERENCES scopes(id),
  channel_id   TEXT NOT NULL,
  weekday      INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  time         TEXT NOT NULL CHECK (time ~ '^[0-2][0-9]:[0-5][0-9]$'),
  timezone     TEXT NOT NULL,
  questions    INTEGER NOT NULL CHECK (questions BETWEEN 1 AND 20),
  spacing_min  INTEGER NOT NULL CHECK (spacing_min BETWEEN 1 AND 1440),
  level        TEXT NOT NULL CHECK (level IN ('easy', 'medium', 'hard')),
  topics       TEXT NOT NULL DEFAULT '',
  missed       TEXT NOT NULL CHECK (missed IN ('late', 'skip')),
  created_at   BIGINT NOT NULL,
  removed_at   BIGINT
);

CREATE TABLE schedule_runs (
  schedule_id  BIGINT NOT NULL REFERENCES schedules(id),
  slot         BIGINT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('running', 'done', 'skipped')),
  posted       INTEGER NOT NULL DEFAULT 0,
  started_at   BIGINT NOT NULL,
  PRIMARY KEY (schedule_id, slot)
);

CREATE TABLE standings_posts (
  scope_id   TEXT NOT NULL REFERENCES scopes(id),
  week       TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  posted_at  BIGINT NOT NULL,
  PRIMARY KEY (scope_id, week)
);

CREATE TABLE seasons (
  id          BIGSERIAL PRIMARY KEY,
  scope_id    TEXT NOT NULL REFERENCES scopes(id),
  name        TEXT NOT NULL,
  started_at  BIGINT NOT NULL,
  ended_at    BIGINT,
  UNIQUE (scope_id, name)
);
CREATE UNIQUE INDEX seasons_one_current ON seasons (scope_id) WHERE ended_at IS NULL;
-- seasonByName looks names up case-insensitively
CREATE INDEX seasons_by_lower_name ON seasons (scope_id, lower(name));

CREATE TABLE practice (
  id          BIGSERIAL PRIMARY KEY,
  member_id   BIGINT NOT NULL REFERENCES members(id),
  seed        BIGINT NOT NULL,
  generator   INTEGER NOT NULL,
  level       TEXT NOT NULL CHECK (level IN ('easy', 'medium', 'hard')),
  topic       TEXT NOT NULL,
  value       TEXT NOT NULL,
  correct     BOOLEAN NOT NULL,
  mistake     TEXT,
  answered_at BIGINT NOT NULL,
  UNIQUE (member_id, seed, level, topic)
);
CREATE INDEX practice_by_member ON practice (member_id, id);

-- Signed Slack requests seen in the last minutes: a replay runs at most once, whichever
-- instance behind the load balancer it reaches.
CREATE TABLE seen_requests (
  key         TEXT PRIMARY KEY,                -- signature:timestamp
  expires_at  BIGINT NOT NULL
);
CREATE INDEX seen_requests_expiry ON seen_requests (expires_at);
