import MiniSearch from 'minisearch';
import {
  indexOptions,
  type SearchableType,
  type SearchDocument,
} from '../../src/model/search-options.ts';
import type { Corpus, Index } from '../../src/model/types.ts';

const names = (corpus: Corpus, indexes: Index[]) =>
  indexes
    .map((i) => {
      const actor = corpus.actors[i];
      return actor ? [actor.name, ...actor.aliases].join(' ') : '';
    })
    .join(' ');

/**
 * The search documents of a corpus and the table that maps a document id back to its record.
 * Only the fields a reader would search by are indexed: names and aliases for actors, the
 * words and the speaker for statements, names and places for meetings, titles and text for
 * clauses, subject and summary for positions.
 */
export function searchDocuments(corpus: Corpus): {
  documents: SearchDocument[];
  targets: [SearchableType, Index, number][];
} {
  const documents: SearchDocument[] = [];
  const targets: [SearchableType, Index, number][] = [];
  // How much the coverage says about a record (the spans that support it) breaks near-ties
  // in its favour: "Istanbul" should rank the talks the article is about above a passing venue.
  const prominence = (excerpts: number) => Number((1 + 0.5 * Math.log2(excerpts)).toFixed(3));
  const add = (
    type: SearchableType,
    index: Index,
    excerpts: number,
    fields: Omit<SearchDocument, 'id'>,
  ) => {
    documents.push({ id: targets.length, ...fields });
    targets.push([type, index, prominence(excerpts)]);
  };
  corpus.actors.forEach((a, i) => {
    add('Actor', i, a.excerpts.length, { name: a.name, aliases: a.aliases.join(' ') });
  });
  corpus.statements.forEach((s, i) => {
    add('Statement', i, s.excerpts.length, { text: s.text, speaker: names(corpus, [s.speaker]) });
  });
  corpus.meetings.forEach((m, i) => {
    add('Meeting', i, m.excerpts.length, {
      name: m.name,
      location: m.location ?? '',
      outcome: m.outcome ?? '',
    });
  });
  corpus.draftClauses.forEach((c, i) => {
    add('DraftClause', i, c.excerpts.length, { title: c.title, text: c.text });
  });
  corpus.positions.forEach((p, i) => {
    add('Position', i, p.excerpts.length, {
      subject: p.subject,
      summary: p.summary,
      speaker: names(corpus, [p.actor]),
    });
  });
  return { documents, targets };
}

/** The index, built and serialized at build time so that no isolate or request builds it. */
export function buildSearchIndex(documents: SearchDocument[]): string {
  const index = new MiniSearch<SearchDocument>(indexOptions);
  index.addAll(documents);
  return JSON.stringify(index);
}
