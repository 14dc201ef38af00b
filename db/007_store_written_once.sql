-- ParamQuiz schema 7, the first migration written once for both engines (src/store/migrations.ts
-- reads its `--- sqlite` and `--- postgres` sections, and writes its types out).
--
-- 1. Boards in constant time. score_counts holds, per board, how many members stand at each score
--    (points, then correct answers: the board's order): its rungs. A rank is one plus the members
--    on the rungs above, a page starts at the rung holding its first position, a board's size is
--    the sum of its rungs: reads that do not grow with the board. Triggers on scores keep it, so
--    no writer can forget it.
CREATE TABLE score_counts (
  scope_id  TEXT NOT NULL,
  board     TEXT NOT NULL,
  points    INTEGER NOT NULL,
  correct   INTEGER NOT NULL,
  members   INTEGER NOT NULL CHECK (members > 0),
  PRIMARY KEY (scope_id, board, points, correct)
) {{keyed}};
INSERT INTO score_counts (scope_id, board, points, correct, members)
  SELECT scope_id, board, points, correct, COUNT(*) FROM scores GROUP BY scope_id, board, points, correct;

-- A member's rows on every board (their weekly points, their removal).
CREATE INDEX scores_by_member ON scores (member_id, board);

--- sqlite
CREATE TRIGGER scores_counted_in AFTER INSERT ON scores BEGIN
  INSERT INTO score_counts (scope_id, board, points, correct, members) VALUES (NEW.scope_id, NEW.board, NEW.points, NEW.correct, 1)
  ON CONFLICT (scope_id, board, points, correct) DO UPDATE SET members = members + 1;
END;
CREATE TRIGGER scores_counted_out AFTER DELETE ON scores BEGIN
  DELETE FROM score_counts WHERE scope_id = OLD.scope_id AND board = OLD.board AND points = OLD.points AND correct = OLD.correct AND members = 1;
  UPDATE score_counts SET members = members - 1 WHERE scope_id = OLD.scope_id AND board = OLD.board AND points = OLD.points AND correct = OLD.correct;
END;
CREATE TRIGGER scores_counted_moved AFTER UPDATE OF points, correct ON scores
WHEN OLD.points <> NEW.points OR OLD.correct <> NEW.correct BEGIN
  DELETE FROM score_counts WHERE scope_id = OLD.scope_id AND board = OLD.board AND points = OLD.points AND correct = OLD.correct AND members = 1;
  UPDATE score_counts SET members = members - 1 WHERE scope_id = OLD.scope_id AND board = OLD.board AND points = OLD.points AND correct = OLD.correct;
  INSERT INTO score_counts (scope_id, board, points, correct, members) VALUES (NEW.scope_id, NEW.board, NEW.points, NEW.correct, 1)
  ON CONFLICT (scope_id, board, points, correct) DO UPDATE SET members = members + 1;
END;
--- postgres
-- A score only rises (an answer, a bonus) or leaves the board, so the rung left is locked before
-- the rung reached: every transaction locks rungs in one order, and none waits on another in a cycle.
CREATE FUNCTION count_scores() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.points = NEW.points AND OLD.correct = NEW.correct THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM score_counts WHERE scope_id = OLD.scope_id AND board = OLD.board AND points = OLD.points AND correct = OLD.correct AND members = 1;
    IF NOT FOUND THEN
      UPDATE score_counts SET members = members - 1 WHERE scope_id = OLD.scope_id AND board = OLD.board AND points = OLD.points AND correct = OLD.correct;
    END IF;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO score_counts (scope_id, board, points, correct, members) VALUES (NEW.scope_id, NEW.board, NEW.points, NEW.correct, 1)
    ON CONFLICT (scope_id, board, points, correct) DO UPDATE SET members = score_counts.members + 1;
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER scores_counted AFTER INSERT OR DELETE OR UPDATE OF points, correct ON scores
  FOR EACH ROW EXECUTE FUNCTION count_scores();
--- both

-- 2. The week an answer counted on, so the first correct answer's bonus goes on the same boards
--    when its round closes (the store decides it there, with no call back into the quiz). The
--    answers of rounds still open get the latest week board their member is on (their own, as
--    they were given this week); a closed round's bonus was given already.
ALTER TABLE answers ADD COLUMN week TEXT;
UPDATE answers SET week = (
  SELECT substr(MAX(s.board), 6) FROM scores s JOIN rounds r ON s.scope_id = r.scope_id
  WHERE r.id = answers.round_id AND s.member_id = answers.member_id AND substr(s.board, 1, 5) = 'week:')
WHERE scored AND round_id IN (SELECT id FROM rounds WHERE closed_at IS NULL);

-- 3. A mistake made in a round, kept with its answer (one commit) and reviewed as Again on its
--    card when the student's cards are next read (quiz/practice.ts): FSRS's review depends only on
--    the card and the time, so applying it later, in order, gives the same card.
CREATE TABLE lapses (
  id         {{id}},
  member_id  {{int64}} NOT NULL REFERENCES members(id),
  topic      TEXT NOT NULL,
  family     TEXT NOT NULL,
  at         {{int64}} NOT NULL
) {{table}};
CREATE INDEX lapses_by_member ON lapses (member_id, id);

--- postgres
-- 4. PostgreSQL records an answer in one call (one round trip, one commit): the round's row lock,
--    the member, the checks, the answer, its boards (all time, its week, the scope's current
--    season), the report's tallies and its lapses. Under READ COMMITTED every statement here takes
--    a fresh snapshot, so once the round's lock is granted the checks see the answer its previous
--    holder committed: "first" is decided one answer at a time. SQLite runs the same checks as
--    statements in one transaction (src/store/rounds.ts); test/store/answers.test.ts holds both to
--    one table of cases.
DROP FUNCTION record_answer(BIGINT, TEXT, TEXT, TEXT, BOOLEAN, TEXT, INTEGER, BIGINT, TEXT[], BIGINT, BIGINT, INTEGER, TEXT[], TEXT[]);
CREATE FUNCTION record_answer(
  p_round BIGINT, p_user TEXT, p_name TEXT, p_value TEXT, p_correct BOOLEAN, p_mistakes JSON,
  p_points INTEGER, p_now BIGINT, p_week TEXT, p_day_from BIGINT, p_day_to BIGINT, p_cap INTEGER, p_lapses JSON
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
  right_one INTEGER := CASE WHEN p_correct THEN 1 ELSE 0 END;
  season TEXT;
  mastery TEXT[];
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
  SELECT 'season:' || s.id INTO season FROM seasons s WHERE s.scope_id = r.scope_id AND s.ended_at IS NULL;
  mastery := CASE WHEN season IS NULL THEN ARRAY['all'] ELSE ARRAY['all', season] END;
  INSERT INTO answers (round_id, member_id, value, correct, first, mistake, points, scored, capped, answered_at, week)
  VALUES (p_round, m, p_value, p_correct, is_first, (SELECT string_agg(x.id, ',' ORDER BY x.n) FROM json_array_elements_text(p_mistakes) WITH ORDINALITY AS x(id, n)),
          earned, scored, scored AND r.scoring = 'capped', p_now, p_week);
  IF scored THEN
    -- Boards in name order ('all' < 'season:' < 'week:'), the order every writer of scores keeps.
    INSERT INTO scores (scope_id, board, member_id, points, correct, answered)
    SELECT r.scope_id, b, m, earned, right_one, 1 FROM unnest(mastery || ('week:' || p_week)) AS b ORDER BY b COLLATE "C"
    ON CONFLICT (scope_id, board, member_id) DO UPDATE SET
      points = scores.points + EXCLUDED.points, correct = scores.correct + EXCLUDED.correct, answered = scores.answered + 1;
  END IF;
  -- What the teacher's report reads, under the round's row lock: the round's tallies, its named
  -- mistakes, the class's answers on the round's topic on the mastery boards (all time, the season's).
  UPDATE rounds SET answered = rounds.answered + 1, correct = rounds.correct + right_one WHERE id = p_round;
  INSERT INTO round_mistakes (round_id, mistake, answers) SELECT p_round, x, 1 FROM json_array_elements_text(p_mistakes) AS x
  ON CONFLICT (round_id, mistake) DO UPDATE SET answers = round_mistakes.answers + 1;
  INSERT INTO class_topics (scope_id, board, topic, answered, correct)
  SELECT r.scope_id, b, r.topic, 1, right_one FROM unnest(mastery) AS b ORDER BY b COLLATE "C"
  ON CONFLICT (scope_id, board, topic) DO UPDATE SET answered = class_topics.answered + 1, correct = class_topics.correct + EXCLUDED.correct;
  INSERT INTO lapses (member_id, topic, family, at) SELECT m, r.topic, f, p_now FROM json_array_elements_text(p_lapses) AS f;
  RETURN QUERY SELECT 'recorded'::TEXT, NULL::TEXT, is_first, earned, why;
END;
$$;
--- both
