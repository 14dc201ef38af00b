-- ParamQuiz schema 3: what a round and an answer count for. A server chooses how rounds that
-- students start are scored (capped per day, all, or only scheduled and admin-started ones); an
-- answer that does not score is still recorded (it counts in /stats as practice).

ALTER TABLE scopes ADD COLUMN scoring TEXT NOT NULL DEFAULT 'capped' CHECK (scoring IN ('capped', 'all', 'scheduled'));
ALTER TABLE scopes ADD COLUMN daily_cap INTEGER NOT NULL DEFAULT 10 CHECK (daily_cap BETWEEN 0 AND 1000);

-- 'scored': every answer scores (scheduled, admin-started, or scoring=all); 'capped': a student's
-- answers score up to the daily cap; 'practice': nothing scores (scoring=scheduled).
ALTER TABLE rounds ADD COLUMN scoring TEXT NOT NULL DEFAULT 'scored' CHECK (scoring IN ('scored', 'capped', 'practice'));

ALTER TABLE answers ADD COLUMN scored INTEGER NOT NULL DEFAULT 1 CHECK (scored IN (0, 1));
-- 1 when the answer scored in a capped round: it used one of the student's daily questions.
ALTER TABLE answers ADD COLUMN capped INTEGER NOT NULL DEFAULT 0 CHECK (capped IN (0, 1));
-- The first-correct bonus is added when the round closes, if at least two people answered.
ALTER TABLE answers ADD COLUMN bonus INTEGER NOT NULL DEFAULT 0;

-- A student's scored answers in capped rounds today: the daily cap counts this range.
CREATE INDEX answers_capped_by_member ON answers (member_id, answered_at) WHERE capped = 1;
