-- ParamQuiz on PostgreSQL, schema 4: an answer recorded in one round trip. The checks and writes
-- of PostgresStore.recordAnswer (until now six round trips: BEGIN, the round's lock, the member,
-- the checks, the answer with its boards, COMMIT) run inside the server as one call, one
-- transaction. Under READ COMMITTED every statement of a plpgsql function takes a fresh snapshot,
-- so once the round's row lock is granted the checks see the answer committed by whoever held it:
-- "first" is decided one answer at a time, as before. The same call keeps the teacher's report's
-- tallies (schema 3) in step with the answers. The rules are SQLite's (src/store/sqlite.ts),
-- and both engines run the same scoring and concurrency suites.

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
