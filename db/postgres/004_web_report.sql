-- ParamQuiz on PostgreSQL, schema 4: the class page and the teacher's report, and the teacher's
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

-- An answer keeps the report's tallies in its own call (db/postgres/003_record_answer.sql's
-- function, with the named mistakes and the mastery boards as two more arguments).
DROP FUNCTION record_answer(BIGINT, TEXT, TEXT, TEXT, BOOLEAN, TEXT, INTEGER, BIGINT, TEXT[], BIGINT, BIGINT, INTEGER);
CREATE FUNCTION record_answer(
  p_round BIGINT, p_user TEXT, p_name TEXT, p_value TEXT, p_correct BOOLEAN, p_mistake TEXT,
  p_points INTEGER, p_now BIGINT, p_boards TEXT[], p_day_from BIGINT, p_day_to BIGINT, p_cap INTEGER,
  p_mistakes TEXT[], p_mastery TEXT[]
) RETURNS TABLE (status TEXT, previous TEXT, first BOOLEAN, points INTEGER, unscored TEXT)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  r RECORD;
  m BIGINT;
  earlier TEXT;
  is_first BOOLEAN;
  why TEXT;
  scored BOOLEAN;
  earned INTEGER;
BEGIN
  -- The round's row lock orders the answers to it.
  SELECT rounds.scope_id, rounds.closed_at, rounds.closes_at, rounds.scoring, rounds.topic INTO r FROM rounds WHERE id = p_round FOR UPDATE;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'missing'::TEXT, NULL::TEXT, FALSE, 0, NULL::TEXT;
    RETURN;
  END IF;
  IF r.closed_at IS NOT NULL OR p_now >= r.closes_at THEN
    RETURN QUERY SELECT 'closed'::TEXT, NULL::TEXT, FALSE, 0, NULL::TEXT;
    RETURN;
  END IF;
  -- The upsert locks the member's row: their answers in other rounds count against the cap in order.
  INSERT INTO members (scope_id, user_id, display_name) VALUES (r.scope_id, p_user, p_name)
  ON CONFLICT (scope_id, user_id) DO UPDATE SET display_name = EXCLUDED.display_name RETURNING id INTO m;
  SELECT a.value INTO earlier FROM answers a WHERE a.round_id = p_round AND a.member_id = m;
  IF FOUND THEN
    RETURN QUERY SELECT 'duplicate'::TEXT, earlier, FALSE, 0, NULL::TEXT;
    RETURN;
  END IF;
  is_first := p_correct AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.round_id = p_round AND a.first);
  why := CASE
    WHEN r.scoring = 'practice' THEN 'practice'
    WHEN r.scoring = 'capped' AND (SELECT COUNT(*) FROM answers a WHERE a.member_id = m AND a.capped AND a.answered_at >= p_day_from AND a.answered_at < p_day_to) >= p_cap THEN 'cap'
  END;
  scored := why IS NULL;
  earned := CASE WHEN p_correct AND scored THEN p_points ELSE 0 END;
  INSERT INTO answers (round_id, member_id, value, correct, first, mistake, points, scored, capped, answered_at)
  VALUES (p_round, m, p_value, p_correct, is_first, p_mistake, earned, scored, scored AND r.scoring = 'capped', p_now);
  IF scored THEN
    INSERT INTO scores (scope_id, board, member_id, points, correct, answered)
    SELECT r.scope_id, board, m, earned, CASE WHEN p_correct THEN 1 ELSE 0 END, 1 FROM unnest(p_boards) AS board
    ON CONFLICT (scope_id, board, member_id) DO UPDATE SET
      points = scores.points + EXCLUDED.points, correct = scores.correct + EXCLUDED.correct, answered = scores.answered + 1;
  END IF;
  -- What the teacher's report reads, under the round's row lock: the round's tallies, its named
  -- mistakes, the class's answers on the round's topic on the mastery boards ('all', the season's).
  UPDATE rounds SET answered = rounds.answered + 1, correct = rounds.correct + CASE WHEN p_correct THEN 1 ELSE 0 END WHERE id = p_round;
  INSERT INTO round_mistakes (round_id, mistake, answers) SELECT p_round, mistake, 1 FROM unnest(p_mistakes) AS mistake
  ON CONFLICT (round_id, mistake) DO UPDATE SET answers = round_mistakes.answers + 1;
  INSERT INTO class_topics (scope_id, board, topic, answered, correct)
  SELECT r.scope_id, board, r.topic, 1, CASE WHEN p_correct THEN 1 ELSE 0 END FROM unnest(p_mastery) AS board
  ON CONFLICT (scope_id, board, topic) DO UPDATE SET answered = class_topics.answered + 1, correct = class_topics.correct + EXCLUDED.correct;
  RETURN QUERY SELECT 'recorded'::TEXT, NULL::TEXT, is_first, earned, why;
END;
$$;
