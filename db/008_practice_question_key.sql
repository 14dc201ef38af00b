-- ParamQuiz schema 8: a practice answer keeps the key of the question it answered (topic, level,
-- template, …: Question.key), as a round does. /review misses replays a missed question's skill
-- (its template) with new numbers, and a practice answer from before this has no key: it is no
-- miss to replay, and nothing is guessed for it.
ALTER TABLE practice ADD COLUMN question_key TEXT;
