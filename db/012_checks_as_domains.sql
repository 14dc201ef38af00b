-- ParamQuiz schema 12: PostgreSQL holds a round's and a rung's values to the same checks as before,
-- as domains rather than table CHECK constraints. A table's CHECK constraints are read back from
-- their stored text and prepared anew by every statement that writes a row of it (an IN list is
-- rebuilt from its elements each time), whatever the columns written: every answer's tally update
-- of its round prepared four of them, and each of its two rung updates the rung's one, which cost
-- the answer more than writing those rows (about a tenth of record_answer's instructions). A
-- domain's checks are read once per session (the server caches them) and apply where a value is
-- given to a column of it: a row inserted or a checked column set is held to them as before, an
-- update of other columns (a round's tallies) no longer pays for them. The wire and the store see
-- the base types (text, integer), as before. SQLite keeps its CHECKs, compiled with its statements.
--- postgres
CREATE DOMAIN round_level AS TEXT CHECK (VALUE IN ('easy', 'medium', 'hard'));
CREATE DOMAIN round_lang AS TEXT CHECK (VALUE IN ('en', 'zh-TW'));
CREATE DOMAIN round_close_reason AS TEXT CHECK (VALUE IN ('timeout', 'admin'));
CREATE DOMAIN round_scoring AS TEXT CHECK (VALUE IN ('scored', 'capped', 'practice'));
ALTER TABLE rounds
  DROP CONSTRAINT rounds_level_check, ALTER COLUMN level TYPE round_level,
  DROP CONSTRAINT rounds_lang_check, ALTER COLUMN lang TYPE round_lang,
  DROP CONSTRAINT rounds_close_reason_check, ALTER COLUMN close_reason TYPE round_close_reason,
  DROP CONSTRAINT rounds_scoring_check, ALTER COLUMN scoring TYPE round_scoring;
CREATE DOMAIN rung_members AS INTEGER CHECK (VALUE > 0);
ALTER TABLE score_counts DROP CONSTRAINT score_counts_members_check, ALTER COLUMN members TYPE rung_members;
--- both
