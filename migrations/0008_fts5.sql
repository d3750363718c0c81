-- Search with SQLite's FTS5 (scripts/d1/search-sql.ts writes it, src/model/d1/search.ts reads
-- it). 0002–0006 restated MiniSearch's index as tables so that D1 ranked bit for bit as the
-- bundle; the stores now agree on behaviour, not on scores, and those tables go.
DROP TABLE search_doc;
DROP TABLE search_posting;
DROP TABLE search_term;
DROP TABLE search_delete;
DROP TABLE search_field;
DROP TABLE search_stat;

-- One row a searchable record, its fields as the bundle indexes them. Contentless: the words
-- are the domain tables' own, so the index keeps no copy, and a row is deleted by its rowid
-- alone (contentless_delete), whatever its words were. `doc`, the rowid: the newest-first day
-- its record stands at (archive-order.ts sortDay) << 36 | its kind << 33 | its id, so that
-- matches come in date order and a NEWEST page stops early. unicode61 with diacritics removed
-- folds as the bundle folds; prefixes of 3 letters (search-options.ts prefixMinLength) and
-- more are indexed.
CREATE VIRTUAL TABLE search USING fts5(
  name, aliases, title, subject, speaker, location, text, outcome, summary,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '3'
);
CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search, 'row');

-- Each document's record, its place in the archive's order and the weight its coverage
-- gives it (how many spans support it).
CREATE TABLE search_doc (
  doc INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  item INTEGER NOT NULL,
  sort TEXT NOT NULL,
  boost REAL NOT NULL
);
CREATE UNIQUE INDEX search_doc_by_item ON search_doc (type, item);

-- One typo: each term of the vocabulary long enough to forgive one (search-options.ts
-- typoMinLength) under each of its single deletions, `at` the code point removed. A query
-- word's own deletions then find the terms one edit away; the search confirms the edit.
CREATE TABLE search_delete (
  del TEXT NOT NULL,
  term TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (del, term, at)
) WITHOUT ROWID;
CREATE INDEX search_delete_by_term ON search_delete (term);
