-- Search in D1 (src/model/d1/search.ts): the bundled MiniSearch index as tables, so that a
-- search ranks, scores and counts exactly as the bundled one does. A search document is one
-- record of a searchable type; `doc` is its id in the corpus's search target table.
-- No FTS5 table: its tokenizer and bm25() differ from MiniSearch's, and parity is the point.

-- One row a search document: the record it is (`type`, `item` = record.id, which is how an
-- article's documents are found through record.home) and how much its coverage boosts it.
CREATE TABLE search_doc (
  doc INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  item INTEGER NOT NULL,
  boost REAL NOT NULL
);
CREATE UNIQUE INDEX search_doc_by_item ON search_doc (type, item);

-- How often a term occurs in a field of a document, and that field's length there as
-- MiniSearch counts it (distinct tokens before stop words are dropped).
CREATE TABLE search_posting (
  term TEXT NOT NULL,
  field INTEGER NOT NULL,
  doc INTEGER NOT NULL,
  tf INTEGER NOT NULL,
  len INTEGER NOT NULL,
  PRIMARY KEY (term, field, doc)
) WITHOUT ROWID;
CREATE INDEX search_posting_by_doc ON search_posting (doc);

-- The vocabulary by field: how many documents hold the term in the field (the IDF's count),
-- and the term's place in MiniSearch's radix tree, which orders prefix and typo expansions
-- and so breaks ties and orders a hit's terms.
CREATE TABLE search_term (
  term TEXT NOT NULL,
  field INTEGER NOT NULL,
  df INTEGER NOT NULL,
  rank REAL NOT NULL,
  PRIMARY KEY (term, field)
) WITHOUT ROWID;

-- One typo: every term of 6 or more UTF-16 units under each of its single deletions
-- ("symmetric delete"); a query word's own deletions then find every candidate one edit
-- away, and the search confirms the distance.
CREATE TABLE search_delete (
  del TEXT NOT NULL,
  term TEXT NOT NULL,
  PRIMARY KEY (del, term)
) WITHOUT ROWID;

-- Per field (MiniSearch's field id): its average length, as MiniSearch keeps it (a running
-- mean over the documents before each one that has the field).
CREATE TABLE search_field (
  field INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  avg REAL NOT NULL
);

-- `documents`: how many documents the index holds (BM25's N).
CREATE TABLE search_stat (
  key TEXT PRIMARY KEY,
  value REAL NOT NULL
) WITHOUT ROWID;
