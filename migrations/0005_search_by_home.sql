-- Search tables an article can be added to without rewriting them (scripts/d1/add-sql.ts).
-- 0002's tables held the order documents were added in: a document id was its place among all
-- documents, a term's rank its place in MiniSearch's tree, a field's average a running mean.
-- Adding one article renumbered and re-averaged the whole archive, so d1:add rewrote every
-- search row (about ten times 28 MiB of SQL at 10,000 articles, more than one batch holds).
-- Now nothing depends on order: a document is keyed by its record, terms are ordered by their
-- text, and a field keeps its total length and document count. The bundled index is
-- serialized with the same statistics (scripts/data/search-index.ts), so both rank alike.
-- The rows are derived from the corpus, so they are dropped here, not converted: run
-- `npm run d1:load` after applying this migration to a database loaded before it.
DROP TABLE search_doc;
DROP TABLE search_posting;
DROP TABLE search_term;
DROP TABLE search_field;
DELETE FROM search_delete;
-- A term's deletions, found by the term when its last document goes.
CREATE INDEX search_delete_by_term ON search_delete (term);

-- One row a search document. `doc` is its record's key, the searchable type's place in
-- searchableTypes times 2^40 plus record.id (so `doc >> 40` is the type, `doc & (2^40 - 1)`
-- the record): the order of the bundled index's ids (type, then
-- the corpus's order), so equal scores order alike. `home` is its record's home article, which
-- d1:add replaces; `lens` its length in each field by field id (null where it has none), which
-- the field totals lose when it is replaced.
CREATE TABLE search_doc (
  doc INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  item INTEGER NOT NULL,
  home TEXT NOT NULL,
  boost REAL NOT NULL,
  lens TEXT NOT NULL
);
CREATE UNIQUE INDEX search_doc_by_item ON search_doc (type, item);
CREATE INDEX search_doc_by_home ON search_doc (home);

-- How often a term occurs in a field of a document, that field's length there, and the
-- document's boost: with the type and record in `doc` itself, ranking reads no search_doc row
-- (in 0002 one random read a posting, a third of a search's SQLite time).
CREATE TABLE search_posting (
  term TEXT NOT NULL,
  field INTEGER NOT NULL,
  doc INTEGER NOT NULL,
  tf INTEGER NOT NULL,
  len INTEGER NOT NULL,
  boost REAL NOT NULL,
  PRIMARY KEY (term, field, doc)
) WITHOUT ROWID;
CREATE INDEX search_posting_by_doc ON search_posting (doc);

-- How many documents hold the term in the field (the IDF's count). Expansions are ordered by
-- the term's text, as the bundled tree iterates.
CREATE TABLE search_term (
  term TEXT NOT NULL,
  field INTEGER NOT NULL,
  df INTEGER NOT NULL,
  PRIMARY KEY (term, field)
) WITHOUT ROWID;

-- Per field: the summed length of the documents that have it, and how many they are; their
-- quotient is BM25's average field length.
CREATE TABLE search_field (
  field INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  total INTEGER NOT NULL,
  docs INTEGER NOT NULL
);
DELETE FROM search_stat;
