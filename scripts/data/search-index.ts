import MiniSearch from 'minisearch';
import {
  indexOptions,
  type SearchableType,
  type SearchDocument,
} from '../../src/model/search-options.ts';
import type { Corpus, Index } from '../../src/model/types.ts';

/** The words a statement or position is found by its speaker with: its name and aliases. */
export const names = (corpus: Corpus, indexes: Index[]) =>
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
export function searchDocuments(
  corpus: Corpus,
  // Each table's records in the order their documents are added (equal scores keep it).
  order: Partial<
    Record<'actors' | 'statements' | 'meetings' | 'draftClauses' | 'positions', Index[]>
  > = {},
): {
  documents: SearchDocument[];
  targets: [SearchableType, Index, number][];
} {
  const documents: SearchDocument[] = [];
  const targets: [SearchableType, Index, number][] = [];
  // How much the coverage says about a record (the spans that support it) breaks near-ties
  // in its favour: "Istanbul" should rank the talks the article is about above a passing venue.
  // An actor named only in a byline has no excerpt: it counts as named once.
  const prominence = (excerpts: number) =>
    Number((1 + 0.5 * Math.log2(Math.max(1, excerpts))).toFixed(3));
  const add = (
    type: SearchableType,
    index: Index,
    excerpts: number,
    fields: Omit<SearchDocument, 'id'>,
  ) => {
    documents.push({ id: targets.length, ...fields });
    targets.push([type, index, prominence(excerpts)]);
  };
  const each = <T>(list: T[], name: keyof typeof order, fn: (item: T, i: Index) => void) => {
    for (const i of order[name] ?? list.keys()) fn(list[i] as T, i);
  };
  each(corpus.actors, 'actors', (a, i) => {
    add('Actor', i, a.excerpts.length, { name: a.name, aliases: a.aliases.join(' ') });
  });
  each(corpus.statements, 'statements', (s, i) => {
    add('Statement', i, s.excerpts.length, { text: s.text, speaker: names(corpus, [s.speaker]) });
  });
  each(corpus.meetings, 'meetings', (m, i) => {
    add('Meeting', i, m.excerpts.length, {
      name: m.name,
      location: m.location ?? '',
      outcome: m.outcome ?? '',
    });
  });
  each(corpus.draftClauses, 'draftClauses', (c, i) => {
    add('DraftClause', i, c.excerpts.length, { title: c.title, text: c.text });
  });
  each(corpus.positions, 'positions', (p, i) => {
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
