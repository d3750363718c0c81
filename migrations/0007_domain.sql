-- The archive shaped like its domain (src/model/d1/tables.ts reads it). 0001's generic
-- `record (body JSON)` and `link` rows mirrored the bundle: every record's fields, spans with
-- their words and an article's whole text were JSON in a body, and every relation a run of
-- links with long sort keys (296 KB an article at 10,000 articles). Here each kind of entity is
-- a table of typed columns, a many-to-many relation a join table, an excerpt three offsets
-- into its article, and an article's text a column of its own that no page reads.
--
-- `id` is a record's stable number within its kind; `sort` its place in the archive's order
-- (src/model/archive-order.ts: the newest article first, then the place in it), text that
-- sorts as the bundle's compiled order does. A join table's `sort` is its article-owned
-- item's (a statement's, a position's, a citing article's): an owner's list of them is one
-- index range, in order. Lists of registry entities are short and sorted when read.
--
-- The rows are derived from the data, so 0001–0004's are dropped, not converted: run
-- `npm run d1:load` after applying this migration. The search tables (0005, 0006) stay: a
-- search document is (type, item), the item a row of its kind's table.
DROP TABLE record;
DROP TABLE link;
DROP TABLE tally;
DROP TABLE excerpts;
DELETE FROM meta;
DELETE FROM search_doc;
DELETE FROM search_posting;
DELETE FROM search_term;
DELETE FROM search_delete;
DELETE FROM search_field;
DELETE FROM search_stat;

CREATE TABLE article (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  sort TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  publisher INTEGER REFERENCES actor (id),
  -- A partial date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, and the words the text gives it.
  published TEXT,
  published_text TEXT,
  url TEXT,
  note TEXT
);
CREATE INDEX article_by_publisher ON article (publisher, sort) WHERE publisher IS NOT NULL;

-- An article's text, apart from its row: pages of articles never read it. `kinds` names the
-- paragraphs that are not BODY ({"0": "HEADING"}); `wide` is 1 when the text holds a
-- character outside the BMP, where SQLite's substr (code points) and an offset (UTF-16
-- units) disagree, so that spans are sliced from the whole text instead.
CREATE TABLE article_text (
  article INTEGER PRIMARY KEY REFERENCES article (id),
  text TEXT NOT NULL,
  kinds TEXT NOT NULL,
  wide INTEGER NOT NULL
);

-- The byline, in the order the article credits it.
CREATE TABLE article_author (
  article INTEGER NOT NULL REFERENCES article (id),
  n INTEGER NOT NULL,
  actor INTEGER NOT NULL REFERENCES actor (id),
  sort TEXT NOT NULL,
  PRIMARY KEY (article, n)
) WITHOUT ROWID;
CREATE INDEX article_author_by_actor ON article_author (actor, sort);

CREATE TABLE actor (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  sort TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  -- JSON arrays of strings: values, not relations.
  roles TEXT NOT NULL,
  aliases TEXT NOT NULL,
  affiliation INTEGER REFERENCES actor (id),
  note TEXT
);
CREATE INDEX actor_by_kind ON actor (kind, sort);

CREATE TABLE meeting (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  sort TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  date TEXT,
  date_text TEXT,
  location TEXT,
  outcome TEXT,
  note TEXT
);
CREATE INDEX meeting_by_kind ON meeting (kind, sort);
CREATE INDEX meeting_by_status ON meeting (status, sort);

-- A meeting's participants and mediators, each list in its order.
CREATE TABLE meeting_actor (
  meeting INTEGER NOT NULL REFERENCES meeting (id),
  role TEXT NOT NULL CHECK (role IN ('participants', 'mediators')),
  n INTEGER NOT NULL,
  actor INTEGER NOT NULL REFERENCES actor (id),
  PRIMARY KEY (meeting, role, n)
) WITHOUT ROWID;
CREATE INDEX meeting_actor_by_actor ON meeting_actor (actor);

CREATE TABLE draft_agreement (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  sort TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  status TEXT NOT NULL,
  meeting INTEGER REFERENCES meeting (id),
  note TEXT
);
CREATE INDEX draft_agreement_by_meeting ON draft_agreement (meeting) WHERE meeting IS NOT NULL;

CREATE TABLE draft_clause (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  sort TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  text TEXT NOT NULL,
  agreement INTEGER REFERENCES draft_agreement (id),
  status TEXT NOT NULL,
  note TEXT
);
CREATE INDEX draft_clause_by_agreement ON draft_clause (agreement, sort);
CREATE INDEX draft_clause_by_status ON draft_clause (status, sort);

-- Who proposed, supports or opposes a clause, each list in its order.
CREATE TABLE clause_actor (
  clause INTEGER NOT NULL REFERENCES draft_clause (id),
  role TEXT NOT NULL CHECK (role IN ('proposedBy', 'supportedBy', 'opposedBy')),
  n INTEGER NOT NULL,
  actor INTEGER NOT NULL REFERENCES actor (id),
  PRIMARY KEY (clause, role, n)
) WITHOUT ROWID;
CREATE INDEX clause_actor_by_actor ON clause_actor (actor, role);

CREATE TABLE clause_topic (
  clause INTEGER NOT NULL REFERENCES draft_clause (id),
  n INTEGER NOT NULL,
  topic INTEGER NOT NULL REFERENCES topic (id),
  PRIMARY KEY (clause, n)
) WITHOUT ROWID;
CREATE INDEX clause_topic_by_topic ON clause_topic (topic);

CREATE TABLE topic (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  sort TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  description TEXT,
  note TEXT
);

-- What an article says: its statements and positions, replaced with it.
CREATE TABLE statement (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  sort TEXT NOT NULL UNIQUE,
  article INTEGER NOT NULL REFERENCES article (id),
  kind TEXT NOT NULL,
  text TEXT NOT NULL,
  speaker INTEGER NOT NULL REFERENCES actor (id),
  reported_by INTEGER REFERENCES actor (id),
  meeting INTEGER REFERENCES meeting (id),
  note TEXT
);
CREATE INDEX statement_by_article ON statement (article);
CREATE INDEX statement_by_speaker ON statement (speaker, sort);
CREATE INDEX statement_by_kind ON statement (kind, sort);
CREATE INDEX statement_by_meeting ON statement (meeting, sort) WHERE meeting IS NOT NULL;

CREATE TABLE statement_mention (
  statement INTEGER NOT NULL REFERENCES statement (id),
  n INTEGER NOT NULL,
  actor INTEGER NOT NULL REFERENCES actor (id),
  sort TEXT NOT NULL,
  PRIMARY KEY (statement, n)
) WITHOUT ROWID;
CREATE INDEX statement_mention_by_actor ON statement_mention (actor, sort);

CREATE TABLE statement_topic (
  statement INTEGER NOT NULL REFERENCES statement (id),
  n INTEGER NOT NULL,
  topic INTEGER NOT NULL REFERENCES topic (id),
  sort TEXT NOT NULL,
  PRIMARY KEY (statement, n)
) WITHOUT ROWID;
CREATE INDEX statement_topic_by_topic ON statement_topic (topic, sort);

CREATE TABLE statement_clause (
  statement INTEGER NOT NULL REFERENCES statement (id),
  n INTEGER NOT NULL,
  clause INTEGER NOT NULL REFERENCES draft_clause (id),
  sort TEXT NOT NULL,
  PRIMARY KEY (statement, n)
) WITHOUT ROWID;
CREATE INDEX statement_clause_by_clause ON statement_clause (clause, sort);

CREATE TABLE position (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  sort TEXT NOT NULL UNIQUE,
  article INTEGER NOT NULL REFERENCES article (id),
  actor INTEGER NOT NULL REFERENCES actor (id),
  subject TEXT NOT NULL,
  stance TEXT NOT NULL,
  summary TEXT NOT NULL,
  note TEXT
);
CREATE INDEX position_by_article ON position (article);
CREATE INDEX position_by_actor ON position (actor, sort);

CREATE TABLE position_topic (
  position INTEGER NOT NULL REFERENCES position (id),
  n INTEGER NOT NULL,
  topic INTEGER NOT NULL REFERENCES topic (id),
  sort TEXT NOT NULL,
  PRIMARY KEY (position, n)
) WITHOUT ROWID;
CREATE INDEX position_topic_by_topic ON position_topic (topic, sort);

-- The registry entities an article names (its citation files), and the aliases it names an
-- actor by there (a JSON array, or null): an actor's aliases are its registry entry's and every
-- citation's, newest article first. `sort` is the citing article's.
CREATE TABLE citation (
  article INTEGER NOT NULL REFERENCES article (id),
  type TEXT NOT NULL,
  entity INTEGER NOT NULL,
  sort TEXT NOT NULL,
  aliases TEXT,
  PRIMARY KEY (article, type, entity)
) WITHOUT ROWID;
CREATE INDEX citation_by_entity ON citation (type, entity, sort);

-- A span of an article, the evidence for a record: offsets only, its words the article's.
-- `n` is its place among the record's spans in that article.
CREATE TABLE excerpt (
  type TEXT NOT NULL,
  id INTEGER NOT NULL,
  article INTEGER NOT NULL REFERENCES article (id),
  n INTEGER NOT NULL,
  paragraph INTEGER NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  PRIMARY KEY (type, id, article, n)
) WITHOUT ROWID;
CREATE INDEX excerpt_by_article ON excerpt (article);

-- How long the lists that grow with the archive are, kept by the triggers below, so that no
-- page counts thousands of rows: a kind's records (owner ''), and by owner an actor's or a
-- topic's statements, mentions, positions and articles, a meeting's or clause's statements,
-- the statements of a kind, the articles of a publisher or author.
CREATE TABLE tally (
  list TEXT NOT NULL,
  owner ANY NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (list, owner)
) WITHOUT ROWID;

CREATE TRIGGER article_in AFTER INSERT ON article BEGIN
  INSERT INTO tally VALUES ('Article', '', 1) ON CONFLICT DO UPDATE SET n = n + 1;
  INSERT INTO tally SELECT 'articlesByPublisher', NEW.publisher, 1 WHERE NEW.publisher IS NOT NULL
    ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER article_out AFTER DELETE ON article BEGIN
  UPDATE tally SET n = n - 1 WHERE list = 'Article' AND owner = '';
  UPDATE tally SET n = n - 1 WHERE list = 'articlesByPublisher' AND owner = OLD.publisher;
END;
CREATE TRIGGER article_author_in AFTER INSERT ON article_author BEGIN
  INSERT INTO tally VALUES ('articlesByAuthor', NEW.actor, 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER article_author_out AFTER DELETE ON article_author BEGIN
  UPDATE tally SET n = n - 1 WHERE list = 'articlesByAuthor' AND owner = OLD.actor;
END;
CREATE TRIGGER statement_in AFTER INSERT ON statement BEGIN
  INSERT INTO tally VALUES ('Statement', '', 1) ON CONFLICT DO UPDATE SET n = n + 1;
  INSERT INTO tally VALUES ('Actor.statements', NEW.speaker, 1) ON CONFLICT DO UPDATE SET n = n + 1;
  INSERT INTO tally VALUES ('statementsByKind', NEW.kind, 1) ON CONFLICT DO UPDATE SET n = n + 1;
  INSERT INTO tally SELECT 'Meeting.statements', NEW.meeting, 1 WHERE NEW.meeting IS NOT NULL
    ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER statement_out AFTER DELETE ON statement BEGIN
  UPDATE tally SET n = n - 1 WHERE list = 'Statement' AND owner = '';
  UPDATE tally SET n = n - 1 WHERE list = 'Actor.statements' AND owner = OLD.speaker;
  UPDATE tally SET n = n - 1 WHERE list = 'statementsByKind' AND owner = OLD.kind;
  UPDATE tally SET n = n - 1 WHERE list = 'Meeting.statements' AND owner = OLD.meeting;
END;
CREATE TRIGGER statement_mention_in AFTER INSERT ON statement_mention BEGIN
  INSERT INTO tally VALUES ('Actor.mentionedIn', NEW.actor, 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER statement_mention_out AFTER DELETE ON statement_mention BEGIN
  UPDATE tally SET n = n - 1 WHERE list = 'Actor.mentionedIn' AND owner = OLD.actor;
END;
CREATE TRIGGER statement_topic_in AFTER INSERT ON statement_topic BEGIN
  INSERT INTO tally VALUES ('Topic.statements', NEW.topic, 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER statement_topic_out AFTER DELETE ON statement_topic BEGIN
  UPDATE tally SET n = n - 1 WHERE list = 'Topic.statements' AND owner = OLD.topic;
END;
CREATE TRIGGER statement_clause_in AFTER INSERT ON statement_clause BEGIN
  INSERT INTO tally VALUES ('DraftClause.statements', NEW.clause, 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER statement_clause_out AFTER DELETE ON statement_clause BEGIN
  UPDATE tally SET n = n - 1 WHERE list = 'DraftClause.statements' AND owner = OLD.clause;
END;
CREATE TRIGGER position_in AFTER INSERT ON position BEGIN
  INSERT INTO tally VALUES ('Position', '', 1) ON CONFLICT DO UPDATE SET n = n + 1;
  INSERT INTO tally VALUES ('Actor.positions', NEW.actor, 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER position_out AFTER DELETE ON position BEGIN
  UPDATE tally SET n = n - 1 WHERE list = 'Position' AND owner = '';
  UPDATE tally SET n = n - 1 WHERE list = 'Actor.positions' AND owner = OLD.actor;
END;
CREATE TRIGGER position_topic_in AFTER INSERT ON position_topic BEGIN
  INSERT INTO tally VALUES ('Topic.positions', NEW.topic, 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER position_topic_out AFTER DELETE ON position_topic BEGIN
  UPDATE tally SET n = n - 1 WHERE list = 'Topic.positions' AND owner = OLD.topic;
END;
CREATE TRIGGER citation_in AFTER INSERT ON citation BEGIN
  INSERT INTO tally VALUES (NEW.type || '.articles', NEW.entity, 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER citation_out AFTER DELETE ON citation BEGIN
  UPDATE tally SET n = n - 1 WHERE list = OLD.type || '.articles' AND owner = OLD.entity;
END;
CREATE TRIGGER actor_in AFTER INSERT ON actor BEGIN
  INSERT INTO tally VALUES ('Actor', '', 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER actor_out AFTER DELETE ON actor BEGIN
  UPDATE tally SET n = n - 1 WHERE list = 'Actor' AND owner = '';
END;
CREATE TRIGGER meeting_in AFTER INSERT ON meeting BEGIN
  INSERT INTO tally VALUES ('Meeting', '', 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER meeting_out AFTER DELETE ON meeting BEGIN
  UPDATE tally SET n = n - 1 WHERE list = 'Meeting' AND owner = '';
END;
CREATE TRIGGER draft_agreement_in AFTER INSERT ON draft_agreement BEGIN
  INSERT INTO tally VALUES ('DraftAgreement', '', 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER draft_agreement_out AFTER DELETE ON draft_agreement BEGIN
  UPDATE tally SET n = n - 1 WHERE list = 'DraftAgreement' AND owner = '';
END;
CREATE TRIGGER draft_clause_in AFTER INSERT ON draft_clause BEGIN
  INSERT INTO tally VALUES ('DraftClause', '', 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER draft_clause_out AFTER DELETE ON draft_clause BEGIN
  UPDATE tally SET n = n - 1 WHERE list = 'DraftClause' AND owner = '';
END;
CREATE TRIGGER topic_in AFTER INSERT ON topic BEGIN
  INSERT INTO tally VALUES ('Topic', '', 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER topic_out AFTER DELETE ON topic BEGIN
  UPDATE tally SET n = n - 1 WHERE list = 'Topic' AND owner = '';
END;
