-- The corpus in D1 (src/model/d1/). Every record is one row; every reverse relation and list
-- filter of the bundled corpus is a run of `link` rows in default order; counts that the API
-- reports as totalCount for whole lists are kept in `tally` so that no page counts a table.

-- One row a record. `id` is the record's stable number within its type (the bundled index at
-- a full load; a new slug takes the next free one), `sort` its place in default order,
-- `home` the slug of the article whose folder defines it (what `d1:add` replaces), `body`
-- the compiled record as JSON, references as ids, reverse relations left out.
CREATE TABLE record (
  type TEXT NOT NULL,
  id INTEGER NOT NULL,
  slug TEXT NOT NULL,
  home TEXT NOT NULL,
  sort TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (type, id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX record_by_slug ON record (type, slug);
CREATE UNIQUE INDEX record_by_sort ON record (type, sort);
CREATE INDEX record_by_home ON record (home);

-- A list an owner has, item by item in default order: a reverse relation ("Actor.statements",
-- owner the actor's id) or a filter's postings ("statementsByKind", owner the value the
-- bundled postings are keyed by). `sort` is the item's own sort key; `home` the item's.
CREATE TABLE link (
  list TEXT NOT NULL,
  owner ANY NOT NULL,
  sort TEXT NOT NULL,
  item INTEGER NOT NULL,
  home TEXT NOT NULL,
  PRIMARY KEY (list, owner, sort)
) WITHOUT ROWID;
CREATE INDEX link_by_home ON link (home);

-- How long each list is: (list, owner) of `link`, and each whole type as (type, '').
CREATE TABLE tally (
  list TEXT NOT NULL,
  owner ANY NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (list, owner)
) WITHOUT ROWID;

-- `version`: the data version (ETags, cache keys, x-data-version, /healthz).
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
