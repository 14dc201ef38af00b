-- ParamQuiz schema 2: scope settings, weekly schedules and their runs, posted standings,
-- seasons, and practice answers (they count toward a student's stats, not the boards).

ALTER TABLE scopes ADD COLUMN quiz_channel TEXT;                 -- where standings and weekly quizzes go
ALTER TABLE scopes ADD COLUMN levels TEXT NOT NULL DEFAULT '';   -- comma list of levels /quiz may use; '' = all
ALTER TABLE scopes ADD COLUMN topics TEXT NOT NULL DEFAULT '';   -- comma list of topics; '' = all
ALTER TABLE scopes ADD COLUMN round_seconds INTEGER;             -- NULL: the configured default

CREATE TABLE schedules (
  id           INTEGER PRIMARY KEY,
  scope_id     TEXT NOT NULL REFERENCES scopes(id),
  channel_id   TEXT NOT NULL,
  weekday      INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),   -- ISO: 1 = Monday
  time         TEXT NOT NULL CHECK (time GLOB '[0-2][0-9]:[0-5][0-9]'),
  timezone     TEXT NOT NULL,
  questions    INTEGER NOT NULL CHECK (questions BETWEEN 1 AND 20),
  spacing_min  INTEGER NOT NULL CHECK (spacing_min BETWEEN 1 AND 1440),
  level        TEXT NOT NULL CHECK (level IN ('easy', 'medium', 'hard')),
  topics       TEXT NOT NULL DEFAULT '',
  missed       TEXT NOT NULL CHECK (missed IN ('late', 'skip')),
  created_at   INTEGER NOT NULL,
  removed_at   INTEGER                                              -- kept for the runs' history
) STRICT;

-- One row per scheduled occurrence: inserting it claims the run, so it happens once at most.
CREATE TABLE schedule_runs (
  schedule_id  INTEGER NOT NULL REFERENCES schedules(id),
  slot         INTEGER NOT NULL,       -- the scheduled start, epoch ms
  status       TEXT NOT NULL CHECK (status IN ('running', 'done', 'skipped')),
  posted       INTEGER NOT NULL DEFAULT 0,   -- questions posted so far
  started_at   INTEGER NOT NULL,       -- when the first question went out (late runs start later)
  PRIMARY KEY (schedule_id, slot)
) STRICT;

-- Final weekly standings posted, once per scope and week; never deleted.
CREATE TABLE standings_posts (
  scope_id   TEXT NOT NULL REFERENCES scopes(id),
  week       TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  posted_at  INTEGER NOT NULL,
  PRIMARY KEY (scope_id, week)
) STRICT;

CREATE TABLE seasons (
  id          INTEGER PRIMARY KEY,
  scope_id    TEXT NOT NULL REFERENCES scopes(id),
  name        TEXT NOT NULL,
  started_at  INTEGER NOT NULL,
  ended_at    INTEGER,                 -- NULL for the current season
  UNIQUE (scope_id, name)
) STRICT;
CREATE UNIQUE INDEX seasons_one_current ON seasons (scope_id) WHERE ended_at IS NULL;

CREATE TABLE practice (
  id          INTEGER PRIMARY KEY,
  member_id   INTEGER NOT NULL REFERENCES members(id),
  seed        INTEGER NOT NULL,
  generator   INTEGER NOT NULL,
  level       TEXT NOT NULL CHECK (level IN ('easy', 'medium', 'hard')),
  topic       TEXT NOT NULL,
  value       TEXT NOT NULL,
  correct     INTEGER NOT NULL CHECK (correct IN (0, 1)),
  mistake     TEXT,
  answered_at INTEGER NOT NULL,
  UNIQUE (member_id, seed, level, topic)     -- one answer per practice question
) STRICT;
CREATE INDEX practice_by_member ON practice (member_id, id);
