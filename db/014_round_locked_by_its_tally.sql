-- ParamQuiz schema 14: PostgreSQL's record_answer locks a round by counting the answer in its
-- tallies, one statement where there were two: it read the round FOR UPDATE first and updated its
-- tallies after the answer's rows. Every answer to an open round did both; now the update takes the
-- lock (a FOR NO KEY UPDATE lock, which orders the answers to a round as FOR UPDATE did: no key
-- refers to rounds since schema 13, so the weaker lock lets nothing more through) and returns what
-- the checks read. The order of the locks (the round, the member, the boards) and every row written
-- are schema 11's; a duplicate, refused once the member is known, gives its count back, as the
-- round was updated before the duplicate could be seen. A round closed or gone is not updated, and
-- a second read (only then) tells which it is. SQLite counts at the end, as before: its write
-- transaction holds the whole file. 3.6% of the server's instructions for an answer (callgrind:
-- 1.14M to 1.10M in the bench's mix). The function is restated whole, as PostgreSQL replaces a
-- body whole; what changed is the lock's statement, the duplicate's give-back and the tally's end.
--- postgres
CREATE OR REPLACE FUNCTION record_answer(
  p_round BIGINT, p_user TEXT, p_name TEXT, p_value TEXT, p_correct BOOLEAN, p_mistake TEXT,
  p_points INTEGER, p_now BIGINT, p_week TEXT, p_day_from BIGINT, p_day_to BIGINT, p_cap INTEGER, p_lapses JSON
) RETURNS TABLE (status TEXT, previous TEXT, first BOOLEAN, points INTEGER, unscored TEXT)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  r RECORD;
  m BIGINT;
  given RECORD;
  is_first BOOLEAN;
  why TEXT;
  scored BOOLEAN;
  earned INTEGER;
  right_one INTEGER := CASE WHEN p_correct THEN 1 ELSE 0 END;
BEGIN
  first := FALSE;
  points := 0;
  -- The round's row lock orders the answers to it: the update of its tallies takes it, counting
  -- the answer as it comes (a duplicate gives its count back below). A round closed or gone is
  -- not updated; a close committed while this waited on the lock is seen (the row is read again).
  UPDATE rounds SET answered = rounds.answered + 1, correct = rounds.correct + right_one
  WHERE id = p_round AND rounds.closed_at IS NULL AND p_now < rounds.closes_at
  RETURNING rounds.scope_id, rounds.scoring, rounds.topic INTO r;
  IF NOT FOUND THEN
    status := CASE WHEN EXISTS (SELECT 1 FROM rounds WHERE id = p_round) THEN 'closed' ELSE 'missing' END;
    RETURN NEXT;
    RETURN;
  END IF;
  -- The upsert locks the member's row: their answers in other rounds count against the cap in order.
  INSERT INTO members (scope_id, user_id, display_name) VALUES (r.scope_id, p_user, p_name)
  ON CONFLICT (scope_id, user_id) DO UPDATE SET display_name = EXCLUDED.display_name RETURNING id INTO m;
  SELECT (SELECT a.value FROM answers a WHERE a.round_id = p_round AND a.member_id = m) AS earlier,
         EXISTS (SELECT 1 FROM answers a WHERE a.round_id = p_round AND a.first) AS has_first,
         (SELECT COUNT(*) FROM answers a WHERE a.member_id = m AND a.capped AND a.answered_at >= p_day_from AND a.answered_at < p_day_to) AS capped_today,
         (SELECT 'season:' || s.id FROM seasons s WHERE s.scope_id = r.scope_id AND s.ended_at IS NULL) AS season
  INTO given;
  IF given.earlier IS NOT NULL THEN
    UPDATE rounds SET answered = rounds.answered - 1, correct = rounds.correct - right_one WHERE id = p_round;
    status := 'duplicate';
    previous := given.earlier;
    RETURN NEXT;
    RETURN;
  END IF;
  is_first := p_correct AND NOT given.has_first;
  why := CASE WHEN r.scoring = 'practice' THEN 'practice' WHEN r.scoring = 'capped' AND given.capped_today >= p_cap THEN 'cap' END;
  scored := why IS NULL;
  earned := CASE WHEN p_correct AND scored THEN p_points ELSE 0 END;
  INSERT INTO answers (round_id, member_id, value, correct, first, mistake, points, scored, capped, answered_at, week)
  VALUES (p_round, m, p_value, p_correct, is_first, p_mistake, earned, scored, scored AND r.scoring = 'capped', p_now, p_week);
  IF scored THEN
    -- Boards in name order ('all' < 'season:' < 'week:'), the order every writer of scores keeps.
    INSERT INTO scores (scope_id, board, member_id, points, correct, answered)
    SELECT r.scope_id, b, m, earned, right_one, 1 FROM unnest(ARRAY['all', given.season, 'week:' || p_week]) WITH ORDINALITY AS boards(b, n)
    WHERE b IS NOT NULL ORDER BY n
    ON CONFLICT (scope_id, board, member_id) DO UPDATE SET
      points = scores.points + EXCLUDED.points, correct = scores.correct + EXCLUDED.correct, answered = scores.answered + 1;
  END IF;
  -- What the teacher's report reads, under the round's row lock: the round's named mistakes (its
  -- tallies were counted with the lock), the class's answers on the round's topic on the mastery
  -- boards (all time, the season's).
  IF p_mistake IS NOT NULL THEN
    INSERT INTO round_mistakes (round_id, mistake, answers) SELECT p_round, x, 1 FROM unnest(string_to_array(p_mistake, ',')) AS x
    ON CONFLICT (round_id, mistake) DO UPDATE SET answers = round_mistakes.answers + 1;
  END IF;
  INSERT INTO class_topics (scope_id, board, topic, answered, correct)
  SELECT r.scope_id, b, r.topic, 1, right_one FROM unnest(ARRAY['all', given.season]) WITH ORDINALITY AS boards(b, n)
  WHERE b IS NOT NULL ORDER BY n
  ON CONFLICT (scope_id, board, topic) DO UPDATE SET answered = class_topics.answered + 1, correct = class_topics.correct + EXCLUDED.correct;
  IF json_array_length(p_lapses) > 0 THEN
    INSERT INTO lapses (member_id, topic, family, at) SELECT m, r.topic, f, p_now FROM json_array_elements_text(p_lapses) AS f;
  END IF;
  status := 'recorded';
  first := is_first;
  points := earned;
  unscored := why;
  RETURN NEXT;
END;
$$;
--- both
