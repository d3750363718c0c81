-- A record's excerpts, apart from its body: an actor or topic that recurs across the archive
-- has spans in every article, and carrying them in its body made every lookup of it (a
-- statement's speaker) read and parse them all (99,840 characters for one actor at 1,000
-- synthetic articles). They are read only when `excerpts` is selected. `spans` is the JSON
-- array the body held, each span with its words; `home` as in `record`.
CREATE TABLE excerpts (
  type TEXT NOT NULL,
  id INTEGER NOT NULL,
  home TEXT NOT NULL,
  spans TEXT NOT NULL,
  PRIMARY KEY (type, id)
) WITHOUT ROWID;
CREATE INDEX excerpts_by_home ON excerpts (home);
