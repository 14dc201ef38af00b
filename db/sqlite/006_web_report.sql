-- ParamQuiz schema 6: the class page and the teacher's report, and the teacher's own questions.
-- What a report reads is kept in step with the answers, in the answer's own transaction (as the
-- boards are), so a report is a handful of index reads however many answers a class has given.

-- /settings public-board:true: the class board is shown on the web without a signed link.
ALTER TABLE scopes ADD COLUMN public_board INTEGER NOT NULL DEFAULT 0 CHECK (public_board IN (0, 1));

-- Each round's own tallies: the share of right answers per question.
ALTER TABLE rounds ADD COLUMN answered INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rounds ADD COLUMN correct INTEGER NOT NULL DEFAULT 0;
UPDATE rounds SET
  answered = (SELECT COUNT(*) FROM answers a WHERE a.round_id = rounds.id),
  correct = (SELECT COUNT(*) FROM answers a WHERE a.round_id = rounds.id AND a.correct = 1);

-- A teacher's question (/quiz model:, a question set): the question as built when the round
-- opened (JSON: prompt, answer, named mistakes, working), so it is shown and checked as asked.
-- NULL for a generated question, which is replayed from its seed.
ALTER TABLE rounds ADD COLUMN custom TEXT;

-- The report lists a period's rounds (a season's, all time's) newest first.
CREATE INDEX rounds_by_scope_opened ON rounds (scope_id, opened_at);

-- Named mistakes per round: how many answers made each (an answer matching two names counts for both).
CREATE TABLE round_mistakes (
  round_id  INTEGER NOT NULL REFERENCES rounds(id),
  mistake   TEXT NOT NULL,
  answers   INTEGER NOT NULL,
  PRIMARY KEY (round_id, mistake)
) STRICT, WITHOUT ROWID;
INSERT INTO round_mistakes (round_id, mistake, answers)
  SELECT a.round_id, j.value, COUNT(*)
  FROM answers a, json_each('["' || replace(a.mistake, ',', '","') || '"]') j
  WHERE a.mistake IS NOT NULL
  GROUP BY a.round_id, j.value;

-- The class's answers per topic on the 'all' and 'season:<id>' boards, rounds and practice alike:
-- the report's class mastery.
CREATE TABLE class_topics (
  scope_id  TEXT NOT NULL,
  board     TEXT NOT NULL,
  topic     TEXT NOT NULL,
  answered  INTEGER NOT NULL,
  correct   INTEGER NOT NULL,
  PRIMARY KEY (scope_id, board, topic)
) STRICT, WITHOUT ROWID;
INSERT INTO class_topics (scope_id, board, topic, answered, correct)
  SELECT scope_id, board, topic, COUNT(*), SUM(correct) FROM (
    SELECT r.scope_id, 'all' AS board, r.topic, a.correct FROM answers a JOIN rounds r ON r.id = a.round_id
    UNION ALL
    SELECT m.scope_id, 'all', p.topic, p.correct FROM practice p JOIN members m ON m.id = p.member_id
    UNION ALL
    SELECT r.scope_id, 'season:' || s.id, r.topic, a.correct FROM answers a JOIN rounds r ON r.id = a.round_id
      JOIN seasons s ON s.scope_id = r.scope_id AND a.answered_at >= s.started_at AND (s.ended_at IS NULL OR a.answered_at < s.ended_at)
    UNION ALL
    SELECT m.scope_id, 'season:' || s.id, p.topic, p.correct FROM practice p JOIN members m ON m.id = p.member_id
      JOIN seasons s ON s.scope_id = m.scope_id AND p.answered_at >= s.started_at AND (s.ended_at IS NULL OR p.answered_at < s.ended_at)
  )
  GROUP BY scope_id, board, topic;

-- A teacher's question sets: each row a spec and what to ask of it (the answer always comes from
-- the engine when the question is asked), with an optional wording. Removed rows are kept for the
-- rounds that asked them.
CREATE TABLE questions (
  id          INTEGER PRIMARY KEY,
  scope_id    TEXT NOT NULL REFERENCES scopes(id),
  set_name    TEXT NOT NULL,
  spec        TEXT NOT NULL,
  ask         TEXT NOT NULL,                 -- total, trainable, largest, any, params:N, height:N, size:N
  level       TEXT NOT NULL CHECK (level IN ('easy', 'medium', 'hard')),
  wording     TEXT,
  created_by  TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  removed_at  INTEGER
) STRICT;
CREATE INDEX questions_by_set ON questions (scope_id, set_name, id) WHERE removed_at IS NULL;

-- A weekly quiz that draws its questions from a set rather than generating them.
ALTER TABLE schedules ADD COLUMN question_set TEXT;

-- The key web links are signed with (HMAC-SHA256) when WEB_SECRET is not set: made by the first
-- process that needs it, read by every other, so links work whichever process serves them.
CREATE TABLE web_secret (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  secret      TEXT NOT NULL,
  created_at  INTEGER NOT NULL
) STRICT;
