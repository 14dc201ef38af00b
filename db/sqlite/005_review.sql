-- ParamQuiz schema 5: spaced repetition. A card per student per skill (a quiz topic × a mistake
-- family: conv × bias), scheduled by FSRS (ts-fsrs); every review is logged with what FSRS needs
-- to fit its parameters to this class later; and the practice question each student was given
-- last, so /answer can answer it outside a round and the time taken can rate the recall.

CREATE TABLE cards (
  id              INTEGER PRIMARY KEY,
  member_id       INTEGER NOT NULL REFERENCES members(id),
  topic           TEXT NOT NULL,
  family          TEXT NOT NULL,
  due             INTEGER NOT NULL,            -- epoch ms
  stability       REAL NOT NULL,
  difficulty      REAL NOT NULL,
  elapsed_days    INTEGER NOT NULL,
  scheduled_days  INTEGER NOT NULL,
  learning_steps  INTEGER NOT NULL,
  reps            INTEGER NOT NULL,
  lapses          INTEGER NOT NULL,
  state           INTEGER NOT NULL CHECK (state BETWEEN 0 AND 3),   -- New, Learning, Review, Relearning
  last_review     INTEGER,                     -- epoch ms; NULL before the first review
  UNIQUE (member_id, topic, family)
) STRICT;
CREATE INDEX cards_due ON cards (member_id, due);

-- One row per review, as FSRS's optimizer reads a review history (the card's state before it).
CREATE TABLE review_logs (
  id                 INTEGER PRIMARY KEY,
  card_id            INTEGER NOT NULL REFERENCES cards(id),
  rating             INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),   -- Again, Hard, Good, Easy
  state              INTEGER NOT NULL CHECK (state BETWEEN 0 AND 3),
  due                INTEGER NOT NULL,
  stability          REAL NOT NULL,
  difficulty         REAL NOT NULL,
  elapsed_days       INTEGER NOT NULL,
  last_elapsed_days  INTEGER NOT NULL,
  scheduled_days     INTEGER NOT NULL,
  learning_steps     INTEGER NOT NULL,
  reviewed_at        INTEGER NOT NULL,
  duration_ms        INTEGER,                  -- from question to answer; NULL when unknown
  correct            INTEGER NOT NULL CHECK (correct IN (0, 1)),
  source             TEXT NOT NULL CHECK (source IN ('practice', 'round'))
) STRICT;
CREATE INDEX review_logs_by_card ON review_logs (card_id, id);

-- The practice question a member was given last (by /review), until it is answered.
CREATE TABLE practice_pending (
  member_id   INTEGER PRIMARY KEY REFERENCES members(id),
  seed        INTEGER NOT NULL,
  generator   INTEGER NOT NULL,
  level       TEXT NOT NULL CHECK (level IN ('easy', 'medium', 'hard')),
  topic       TEXT NOT NULL,
  family      TEXT NOT NULL,                   -- the skill the question practises
  channel_id  TEXT NOT NULL,
  issued_at   INTEGER NOT NULL
) STRICT;
