-- ParamQuiz schema 9: whole summary tables filled in (/quiz table), written once for both engines.
--
-- A table answer scores like an answer to a round (its points go on the same boards, in the same
-- transaction) but is one student's table, not a round's question: one answer per student per
-- table (a second is graded, not scored again). Its rows are kept with their verdicts, so the
-- teacher's report can say which rows the class got wrong most.
CREATE TABLE table_answers (
  id           {{id}},
  scope_id     TEXT NOT NULL,
  member_id    {{int64}} NOT NULL REFERENCES members(id),
  exercise     TEXT NOT NULL,
  points       INTEGER NOT NULL,
  whole        {{bool}} NOT NULL,
  answered_at  {{int64}} NOT NULL,
  UNIQUE (member_id, exercise)
) {{table}};
CREATE INDEX table_answers_by_scope ON table_answers (scope_id, answered_at);

CREATE TABLE table_rows (
  answer_id  {{int64}} NOT NULL REFERENCES table_answers(id),
  row_index  INTEGER NOT NULL,
  layer      TEXT NOT NULL,
  verdict    TEXT NOT NULL CHECK (verdict IN ('right', 'carried', 'wrong', 'blank')),
  mistake    TEXT,
  PRIMARY KEY (answer_id, row_index)
) {{keyed}};
