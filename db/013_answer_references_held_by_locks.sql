-- ParamQuiz schema 13: on PostgreSQL an answer's references to its round and its member are kept
-- by the row locks record_answer holds while it writes them, not by foreign keys checked again for
-- every answer.
--
-- An answer's row and its round's named mistakes are written by record_answer alone (SQLite runs
-- its own statements, with its keys). Before writing them it holds the round's row (SELECT ... FOR
-- UPDATE) and the member's row (the upsert that inserts or updates it): both exist, and neither can
-- be deleted until the answer commits. The three keys checked those same rows again, each an
-- after-row trigger running a query of the round or the member: 6.5% of the server's instructions
-- for an answer (callgrind: 1.22M to 1.14M per answer in the bench's mix).
--
-- The keys also refused to anyone else the deletion of a round or a member with answers. Triggers
-- keep that, with the same error (23503, foreign_key_violation), and fire only on a delete, which
-- the bot never does: an answer pays nothing for them. A delete waiting on record_answer's lock
-- checks once the answer is committed (READ COMMITTED: a fresh snapshot per query) and sees it. The
-- keys refused an answered row's new id too; ids are now never changed at all (a statement trigger:
-- a row trigger on rounds would have each answer's tally update fetch the round's old row for it).
--
-- The keys of scores and lapses stay: a /quiz table answer writes those rows too, and reads the
-- member without locking it. test/store/answers.test.ts holds both engines to the same refusals.
--- postgres
ALTER TABLE answers DROP CONSTRAINT answers_round_id_fkey, DROP CONSTRAINT answers_member_id_fkey;
ALTER TABLE round_mistakes DROP CONSTRAINT round_mistakes_round_id_fkey;

-- A round is answered when it has answers or named mistakes (whose rows the round's answers write).
CREATE FUNCTION refuse_answered_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  answered BOOLEAN;
BEGIN
  IF TG_TABLE_NAME = 'rounds' THEN
    answered := EXISTS (SELECT 1 FROM answers WHERE round_id = OLD.id) OR EXISTS (SELECT 1 FROM round_mistakes WHERE round_id = OLD.id);
  ELSE
    answered := EXISTS (SELECT 1 FROM answers WHERE member_id = OLD.id);
  END IF;
  IF answered THEN
    RAISE foreign_key_violation USING MESSAGE = format('%s %s has answers: it cannot be deleted', TG_TABLE_NAME, OLD.id);
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER rounds_answered_kept AFTER DELETE ON rounds FOR EACH ROW EXECUTE FUNCTION refuse_answered_delete();
CREATE TRIGGER members_answered_kept AFTER DELETE ON members FOR EACH ROW EXECUTE FUNCTION refuse_answered_delete();

-- Checked once per statement, against the columns it sets: an update leaving id alone passes.
CREATE FUNCTION refuse_new_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE foreign_key_violation USING MESSAGE = format('the ids of %s are kept as given: answers refer to them', TG_TABLE_NAME);
END;
$$;
CREATE TRIGGER rounds_id_kept BEFORE UPDATE OF id ON rounds FOR EACH STATEMENT EXECUTE FUNCTION refuse_new_id();
CREATE TRIGGER members_id_kept BEFORE UPDATE OF id ON members FOR EACH STATEMENT EXECUTE FUNCTION refuse_new_id();
--- both
