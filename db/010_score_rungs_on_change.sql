-- ParamQuiz schema 10: PostgreSQL moves a score between its board's rungs (score_counts, schema 7)
-- only when the score moves. A wrong answer adds to a member's answered count and leaves their
-- points and correct answers as they were; the trigger's WHEN clause now says so, so half of a
-- class's answers no longer call the trigger function for each board. SQLite's trigger has had its
-- WHEN from the start.
--- postgres
DROP TRIGGER scores_counted ON scores;
CREATE TRIGGER scores_counted AFTER INSERT OR DELETE ON scores
  FOR EACH ROW EXECUTE FUNCTION count_scores();
CREATE TRIGGER scores_counted_moved AFTER UPDATE OF points, correct ON scores
  FOR EACH ROW WHEN (OLD.points <> NEW.points OR OLD.correct <> NEW.correct) EXECUTE FUNCTION count_scores();
--- both
