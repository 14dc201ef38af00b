-- ParamQuiz on PostgreSQL, schema 2: spaced repetition, as db/sqlite/005_review.sql. A card per
-- student per skill (a quiz topic × a mistake family: conv × bias), scheduled by FSRS (ts-fsrs);
-- every review logged with what FSRS needs to fit its parameters to this class later; and the
-- practice question each student was given last, so /answer can answer it outside a round.

CREATE TABLE cards (
  id              BIGSERIAL PRIMARY KEY,
  member_id       BIGINT NOT NULL REFERENCES members(id),
  topic           TEXT NOT NULL,
  family          TEXT NOT NULL,
  due             BIGINT NOT NULL,             -- epoch ms
  stability       DOUBLE PRECISION NOT NULL,
  difficulty      DOUBLE PRECISION NOT NULL,
  elapsed_days    INTEGER NOT NULL,
  scheduled_days  INTEGER NOT NULL,
  learning_steps  INTEGER NOT NULL,
  reps            INTEGER NOT NULL,
  lapses          INTEGER NOT NULL,
  state           INTEGER NOT NULL CHECK (state BETWEEN 0 AND 3),   -- New, Learning, Review, Relearning
  last_review     BIGINT,                      -- epoch ms; NULL before the first review
  UNIQUE (member_id, topic, family)
);
CREATE INDEX cards_due ON cards (member_id, due);

-- One row per review, as FSRS's optimizer reads a review history (the card's state before it).
CREATE TABLE review_logs (
  id                 BIGSERIAL PRIMARY KEY,
  card_id            BIGINT NOT NULL REFERENCES cards(id),
  rating             INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),   -- Again, Hard, Good, Easy
  state              INTEGER NOT NULL CHECK (state BETWEEN 0 AND 3),
  due                BIGINT NOT NULL,
  stability          DOUBLE PRECISION NOT NULL,
  difficulty         DOUBLE PRECISION NOT NULL,
  elapsed_days       INTEGER NOT NULL,
  last_elapsed_days  INTEGER NOT NULL,
  scheduled_days     INTEGER NOT NULL,
  learning_steps     INTEGER NOT NULL,
  reviewed_at        BIGINT NOT NULL,
  duration_ms        BIGINT,                   -- from question to answer; NULL when unknown
  correct            BOOLEAN NOT NULL,
  source             TEXT NOT NULL CHECK (source IN ('practice', 'round'))
);
CREATE INDEX review_logs_by_card ON review_logs (card_id, id);

-- The practice question a member was given last (by /review), until it is answered.
CREATE TABLE practice_pending (
  member_id   BIGINT PRIMARY KEY REFERENCES members(id),
  seed        BIGINT NOT NULL,
  generator   INTEGER NOT NULL,
  level       TEXT NOT NULL CHECK (level IN ('easy', 'medium', 'hard')),
  topic       TEXT NOT NULL,
  family      TEXT NOT NULL,                   -- the skill the question practises
  channel_id  TEXT NOT NULL,
  issued_at   BIGINT NOT NULL
);
