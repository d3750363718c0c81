-- A term's length in UTF-16 units, as MiniSearch measures it for the weights of prefix and typo
-- expansions: SQLite's length() counts code points, and one past the BMP is two units. Stored,
-- so that a search (src/model/d1/search.ts) reads it instead of counting in every statement.
-- Terms loaded before this migration get theirs here.
ALTER TABLE search_term ADD COLUMN units INTEGER NOT NULL DEFAULT 0;
UPDATE search_term SET units = length(term);
UPDATE search_term SET units = units + (
  WITH RECURSIVE pos(n) AS (
    SELECT 1 UNION ALL SELECT n + 1 FROM pos WHERE n < length(search_term.term)
  )
  SELECT COUNT(*) FROM pos WHERE unicode(substr(search_term.term, n, 1)) > 65535
)
WHERE term GLOB '*[𐀀-􏿿]*';
