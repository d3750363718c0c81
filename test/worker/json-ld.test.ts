// The processor's own browser build: its Node entry reads its document loader with import
// attributes workerd does not take.
import jsonld from 'jsonld/dist/jsonld.esm.js';
import { describe, expect, it } from 'vitest';
import shippedContext from '../fixtures/schemaorg-context.jsonld?raw';
import { graphql, request } from './client.ts';

// The articles' JSON-LD, expanded by the `jsonld` processor against schema.org's own context
// (release 30.0, shipped in test/fixtures: no network at test time). The context's `@vocab`
// is taken out, so a term schema.org does not define drops out of the expansion instead of
// being read as a schema.org IRI: counting the values before and after then proves that
// every term is one.

const schemaOrg = JSON.parse(shippedContext) as { '@context': Record<string, unknown> };
delete schemaOrg['@context']['@vocab'];

const documentLoader = async (url: string) => {
  if (url.replace(/\/$/, '') !== 'https://schema.org') {
    throw new Error(`No network in tests: ${url}`);
  }
  return { contextUrl: undefined, documentUrl: url, document: schemaOrg };
};

/** Every value a compact document gives (strings, numbers, booleans), `@context` aside. */
function compactValues(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + compactValues(v), 0);
  if (value && typeof value === 'object') {
    return Object.entries(value).reduce(
      (n, [key, v]) => (key === '@context' ? n : n + compactValues(v)),
      0,
    );
  }
  return value === null ? 0 : 1;
}

/** The same count on the expanded form: a value object's datatype is not a value. */
function expandedValues(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + expandedValues(v), 0);
  if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if ('@value' in object) return 1;
    return Object.values(object).reduce((n: number, v) => n + expandedValues(v), 0);
  }
  return value === null ? 0 : 1;
}

function properties(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) properties(v, into);
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (!key.startsWith('@')) into.add(key);
      properties(v, into);
    }
  }
  return into;
}

interface Item {
  '@type': string;
  '@id'?: string;
  name?: string;
  text?: string;
  spokenByCharacter?: { '@id': string };
  'oa:hasSelector'?: { 'oa:start': number; 'oa:end': number }[];
}

async function articleJsonLd(slug: string) {
  const res = await request(`/articles/${slug}.jsonld`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/ld\+json/);
  expect(res.headers.get('etag')).toBeTruthy();
  return (await res.json()) as Record<string, unknown> & {
    mentions: Item[];
    hasPart: Item[];
  };
}

describe('an article as JSON-LD', () => {
  it('expands against schema.org with no term dropped', async () => {
    for (const slug of ['istanbul-talks-2025', 'harbour-accord-2031']) {
      const document = await articleJsonLd(slug);
      const expanded = await jsonld.expand(document as never, { documentLoader } as never);
      expect(expandedValues(expanded), slug).toBe(compactValues(document));
      for (const iri of properties(expanded)) {
        expect(iri, slug).toMatch(/^(http:\/\/schema\.org\/|http:\/\/www\.w3\.org\/ns\/oa#)/);
      }
    }
  });

  it('gives the article, its actors, quotations and meetings with their article spans', async () => {
    const document = await articleJsonLd('istanbul-talks-2025');
    expect(document['@type']).toBe('NewsArticle');
    const { article } = await graphql<{
      article: {
        title: string;
        text: string;
        statements: { nodes: { text: string; kind: string; speaker: { slug: string } }[] };
      };
    }>(`{ article(slug: "istanbul-talks-2025") {
      title text statements(first: 100) { nodes { text kind speaker { slug } } }
    } }`);
    expect(document.headline).toBe(article.title);

    const quotes = article.statements.nodes.filter((s) => s.kind === 'DIRECT_QUOTE');
    expect(document.hasPart.map((q) => q.text)).toEqual(quotes.map((q) => q.text));
    for (const [i, quotation] of document.hasPart.entries()) {
      expect(quotation['@type']).toBe('Quotation');
      expect(quotation.spokenByCharacter?.['@id']).toMatch(
        new RegExp(`/rest/actor/${quotes[i]?.speaker.slug}$`),
      );
    }

    const types = new Set(document.mentions.map((m) => m['@type']));
    expect([...types]).toEqual(expect.arrayContaining(['Person', 'Country', 'Event']));
    const markov = document.mentions.find((m) => m.name === 'Sergei Markov');
    expect(markov?.['@type']).toBe('Person');
    const publisher = document.publisher as Item;
    expect(publisher['@type']).toBe('NewsMediaOrganization');
    expect(document.datePublished).toMatch(/^2025-05/);
    // Every item carries its spans, each within the article's text.
    for (const item of [publisher, ...document.mentions, ...document.hasPart]) {
      expect(item['oa:hasSelector']?.length, item.name ?? item.text).toBeGreaterThan(0);
      for (const span of item['oa:hasSelector'] ?? []) {
        expect(span['oa:end']).toBeGreaterThan(span['oa:start']);
        expect(span['oa:end']).toBeLessThanOrEqual(article.text.length);
      }
    }
    const event = document.mentions.find((m) => m['@type'] === 'Event') as Item & {
      eventStatus?: string;
    };
    expect(event.eventStatus).toMatch(/^https:\/\/schema\.org\/Event(Scheduled|Cancelled)$/);
  });

  it('names each item by its REST resource, which answers with that record', async () => {
    const document = await articleJsonLd('istanbul-talks-2025');
    const items = [document, ...document.mentions, ...document.hasPart] as Item[];
    const kinds = new Map<string, Item>();
    for (const item of items) kinds.set(item['@type'], item);
    for (const item of kinds.values()) {
      const path = new URL(item['@id'] ?? '').pathname;
      const res = await request(path);
      expect(res.status, path).toBe(200);
      const record = (await res.json()) as { slug: string };
      expect(path.endsWith(`/${record.slug}`), path).toBe(true);
    }
  });

  it('is the same document as `Article.jsonLd`', async () => {
    const document = await articleJsonLd('harbour-accord-2031');
    const { article } = await graphql<{ article: { jsonLd: unknown } }>(
      '{ article(slug: "harbour-accord-2031") { jsonLd } }',
    );
    expect(article.jsonLd).toEqual(document);
  });

  it('answers 404 NOT_FOUND for an article that does not exist', async () => {
    const res = await request('/articles/no-such-article.jsonld');
    expect(res.status).toBe(404);
    const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('NOT_FOUND');
  });
});
