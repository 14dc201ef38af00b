-- ParamQuiz on PostgreSQL, schema 3: the class page and the teacher's report, and the teacher's
-- own questions, as db/sqlite/006_web_report.sql. What a report reads is kept in step with the
-- answers, in the answer's own transaction, so a report is a handful of index reads.

ALTER TABLE scopes ADD COLUMN public_board BOOLEAN NOT NULL DEFAULT FALSE;

ALTER TABLE rounds ADD COLUMN answered INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rounds ADD COLUMN correct INTEGER NOT NULL DEFAULT 0;
UPDATE rounds SET
  answered = (SELECT COUNT(*) FROM answers a WHERE a.round_id = rounds.id),
  correct = (SELECT COUNT(*) FROM answers a WHERE a.round_id = rounds.id AND a.correct);

-- A teacher's question as built when the round opened (JSON); NULL for a generated one.
ALTER TABLE rounds ADD COLUMN custom TEXT;

CREATE INDEX rounds_by_scope_opened ON rounds (scope_id, opened_at);

CREATE TABLE round_mistakes (
  round_id  BIGINT NOT NULL REFERENCES rounds(id),
  mistake   TEXT NOT NULL,
  answers   INTEGER NOT NULL,
  PRIMARY KEY (round_id, mistake)
);
INSERT INTO round_mistakes (round_id, mistake, answers)
  SELECT a.round_id, m.id, COUNT(*)
  FROM answers a, unnest(string_to_array(a.mistake, ',')) AS m(id)
  WHERE a.mistake IS NOT NULL
  GROUP BY a.round_id, m.id;

CREATE TABLE class_topics (
  scope_id  TEXT NOT NULL,
  board     TEXT NOT NULL,
  topic     TEXT NOT NULL,
  answered  INTEGER NOT NULL,
  correct   INTEGER NOT NULL,
  PRIMARY KEY (scope_id, board, topic)
);
INSERT INTO class_topics (scope_id, board, topic, answered, correct)
  SELECT scope_id, board, topic, COUNT(*), COUNT(*) FILTER (WHERE correct) FROM (
    SELECT r.scope_id, 'all' AS board, r.topic, a.correct FROM answers a JOIN rounds r ON r.id = a.round_id
    UNION ALL
    SELECT m.scope_id, 'all', p.topic, p.correct FROM practice p JOIN members m ON m.id = p.member_id
    UNION ALL
    SELECT r.scope_id, 'season:' || s.id, r.topic, a.correct FROM answers a JOIN rounds r ON r.id = a.round_id
      JOIN seasons s ON s.scope_id = r.scope_id AND a.answered_at >= s.started_at AND (s.ended_at IS NULL OR a.answered_at < s.ended_at)
    UNION ALL
    SELECT m.scope_id, 'season:' || s.id, p.topic, p.correct FROM practice p JOIN members m ON m.id = p.member_id
      JOIN seasons s ON s.scope_id = m.scope_id AND p.answered_at >= s.started_at AND (s.ended_at IS NULL OR p.answered_at < s.ended_at)
  ) AS given
  GROUP BY scope_id, board, topic;

CREATE TABLE questions (
  id          BIGSERIAL PRIMARY KEY,
  scope_id    TEXT NOT NULL REFERENCES scopes(id),
  set_name    TEXT NOT NULL,
  spec        TEXT NOT NULL,
  ask         TEXT NOT NULL,
  level       TEXT NOT NULL CHECK (level IN ('easy', 'medium', 'hard')),
  wording     TEXT,
  created_by  TEXT NOT NULL,
  created_at  BIGINT NOT NULL,
  removed_at  BIGINT
);
CREATE INDEX questions_by_set ON questions (scope_id, set_name, id) WHERE removed_at IS NULL;

ALTER TABLE schedules ADD COLUMN question_set TEXT;

CREATE TABLE web_secret (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  secret      TEXT NOT NULL,
  created_at  BIGINT NOT NULL
);
