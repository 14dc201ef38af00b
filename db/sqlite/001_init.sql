-- ParamQuiz schema 1: scopes (a Discord server, a Slack workspace, the shell), their members,
-- quiz rounds, answers, and the score boards kept in step with the answers.

CREATE TABLE scopes (
  id          TEXT PRIMARY KEY,              -- 'discord:<guild>', 'slack:<team>', 'shell:local'
  timezone    TEXT NOT NULL,                 -- IANA name; weeks are ISO weeks in this zone
  language    TEXT NOT NULL CHECK (language IN ('en', 'zh-TW')),
  created_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE members (
  id           INTEGER PRIMARY KEY,
  scope_id     TEXT NOT NULL REFERENCES scopes(id),
  user_id      TEXT NOT NULL,                -- the platform's own user id
  display_name TEXT NOT NULL,
  UNIQUE (scope_id, user_id)
) STRICT;

CREATE TABLE rounds (
  id            INTEGER PRIMARY KEY,
  scope_id      TEXT NOT NULL REFERENCES scopes(id),
  channel_id    TEXT NOT NULL,
  seed          INTEGER NOT NULL,            -- with generator, level and topic: replays the question
  generator     INTEGER NOT NULL,
  level         TEXT NOT NULL CHECK (level IN ('easy', 'medium', 'hard')),
  topic         TEXT NOT NULL,
  question_key  TEXT NOT NULL,               -- identity of the question, so a scope does not repeat it
  answer        TEXT NOT NULL,               -- the exact answer, decimal digits
  lang          TEXT NOT NULL CHECK (lang IN ('en', 'zh-TW')),
  opened_by     INTEGER REFERENCES members(id),
  opened_at     INTEGER NOT NULL,            -- epoch milliseconds
  closes_at     INTEGER NOT NULL,
  closed_at     INTEGER,                     -- NULL while open
  close_reason  TEXT CHECK (close_reason IN ('timeout', 'admin')),
  revealed_at   INTEGER,                     -- set once the reveal was posted
  message_ref   TEXT                         -- the platform's id of the question message
) STRICT;

-- One open round per channel, enforced by the database even under concurrent starts.
CREATE UNIQUE INDEX rounds_one_open_per_channel ON rounds (scope_id, channel_id) WHERE closed_at IS NULL;
CREATE INDEX rounds_by_scope ON rounds (scope_id, id);
CREATE INDEX rounds_unrevealed ON rounds (closes_at) WHERE revealed_at IS NULL;

CREATE TABLE answers (
  id           INTEGER PRIMARY KEY,
  round_id     INTEGER NOT NULL REFERENCES rounds(id),
  member_id    INTEGER NOT NULL REFERENCES members(id),
  value        TEXT NOT NULL,                -- the parsed answer, decimal digits
  correct      INTEGER NOT NULL CHECK (correct IN (0, 1)),
  first        INTEGER NOT NULL CHECK (first IN (0, 1)),
  mistake      TEXT,                         -- the named mistake a wrong answer matched
  points       INTEGER NOT NULL,
  answered_at  INTEGER NOT NULL,
  UNIQUE (round_id, member_id)               -- one locked answer per user per round
) STRICT;

-- At most one first correct answer per round, whatever the timing.
CREATE UNIQUE INDEX answers_one_first_per_round ON answers (round_id) WHERE first = 1;
CREATE INDEX answers_by_member ON answers (member_id, id);

-- Boards: 'all' and 'week:<ISO week>' per scope, updated in the transaction that records an answer,
-- so a leaderboard is an index range scan however many answers there are.
CREATE TABLE scores (
  scope_id   TEXT NOT NULL,
  board      TEXT NOT NULL,
  member_id  INTEGER NOT NULL REFERENCES members(id),
  points     INTEGER NOT NULL,
  correct    INTEGER NOT NULL,
  answered   INTEGER NOT NULL,
  PRIMARY KEY (scope_id, board, member_id)
) STRICT, WITHOUT ROWID;

-- Covering (answered included): a page is read from the index alone, however deep the offset.
CREATE INDEX scores_ranking ON scores (scope_id, board, points DESC, correct DESC, member_id, answered);
