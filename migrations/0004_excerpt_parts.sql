-- A record's excerpts in parts: one JSON array for all of a record's spans grew with the
-- archive (963 KB for an actor named in each of 10,000 synthetic articles), past what one D1
-- statement holds (100 KB) and towards what one row may (2 MB). Each row now holds the spans
-- of one `part`, in order, of about 60 KB at most; a record with no spans has no row.
-- Rows already loaded are kept, each as its record's only part.
CREATE TABLE excerpt_part (
  type TEXT NOT NULL,
  id INTEGER NOT NULL,
  part INTEGER NOT NULL,
  home TEXT NOT NULL,
  spans TEXT NOT NULL,
  PRIMARY KEY (type, id, part)
) WITHOUT ROWID;
INSERT INTO excerpt_part SELECT type, id, 0, home, spans FROM excerpts WHERE spans <> '[]';
DROP TABLE excerpts;
ALTER TABLE excerpt_part RENAME TO excerpts;
CREATE INDEX excerpts_by_home ON excerpts (home);
