import { encodeGlobalID, offsetToCursor } from '@pothos/plugin-relay';
import { describe, expect, it } from 'vitest';
import { graphql } from './client.ts';

interface Page {
  totalCount: number;
  edges: { cursor: string; node: { slug: string } }[];
  nodes: { slug: string }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

const pageInfo = 'pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';
const page = `totalCount edges { cursor node { slug } } nodes { slug } ${pageInfo}`;

/** The page info of a list with nothing in it: no cursors, nothing before or after. */
const nothing = { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null };

async function statements(args: string): Promise<Page> {
  const data = await graphql<{ statements: Page }>(
    `{ statements${args ? `(${args})` : ''} { ${page} } }`,
  );
  return data.statements;
}

describe('cursor connections', () => {
  it('pages 20 at a time by default', async () => {
    const first = await statements('');
    expect(first.nodes).toHaveLength(20);
    expect(first.totalCount).toBe(55);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(first.edges.map((e) => e.node)).toEqual(first.nodes);
  });

  it('walks forward with `after` and back with `before`, through the same items', async () => {
    const all = await statements('first: 100');
    const forward: string[] = [];
    let after: string | null = null;
    for (;;) {
      const p: Page = await statements(after ? `first: 25, after: "${after}"` : 'first: 25');
      forward.push(...p.nodes.map((n) => n.slug));
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(forward).toEqual(all.nodes.map((n) => n.slug));

    const backward: string[] = [];
    let before = all.edges.at(-1)?.cursor as string;
    backward.unshift(all.nodes.at(-1)?.slug as string);
    for (;;) {
      const p: Page = await statements(`last: 25, before: "${before}"`);
      backward.unshift(...p.nodes.map((n) => n.slug));
      if (!p.pageInfo.hasPreviousPage) break;
      before = p.pageInfo.startCursor as string;
    }
    expect(backward).toEqual(all.nodes.map((n) => n.slug));
  });

  it('gives the cursors and IDs Pothos gives, so that they stay what clients hold', async () => {
    const data = await graphql<{
      statements: { edges: { cursor: string; node: { id: string; slug: string } }[] };
      actor: { id: string };
    }>(
      `{ statements(first: 3, after: "${offsetToCursor(4)}") { edges { cursor node { id slug } } }
         actor(slug: "recep-tayyip-erdogan") { id } }`,
    );
    expect(data.statements.edges.map((e) => e.cursor)).toEqual([5, 6, 7].map(offsetToCursor));
    for (const { node } of data.statements.edges) {
      expect(node.id).toBe(encodeGlobalID('Statement', node.slug));
    }
    expect(data.actor.id).toBe(encodeGlobalID('Actor', 'recep-tayyip-erdogan'));
  });

  it('returns a cursor that round-trips to the item after it', async () => {
    const all = await statements('first: 100');
    const cursor = all.edges[9]?.cursor;
    const next = await statements(`first: 1, after: "${cursor}"`);
    expect(next.nodes).toEqual([all.nodes[10]]);
    expect(next.pageInfo.hasPreviousPage).toBe(true);
    expect(next.edges[0]?.cursor).toBe(all.edges[10]?.cursor);
  });

  it('serves the last items with `last` alone', async () => {
    const all = await statements('first: 100');
    const tail = await statements('last: 3');
    expect(tail.nodes).toEqual(all.nodes.slice(-3));
    expect(tail.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('answers a page past the end, of a list or of a search, with no items and null cursors, not an error', async () => {
    const all = await statements('first: 100');
    const last = all.edges.at(-1)?.cursor;
    expect(all.pageInfo.endCursor).toBe(last);
    // An empty page has no cursors (Relay's connection spec, and the API contract).
    const pastTheEnd = {
      hasNextPage: false,
      hasPreviousPage: true,
      startCursor: null,
      endCursor: null,
    };
    for (const args of [`first: 5, after: "${last}"`, `after: "${last}"`]) {
      const past = await statements(args);
      expect(past.nodes, args).toEqual([]);
      expect(past.totalCount, args).toBe(all.totalCount);
      expect(past.pageInfo, args).toEqual(pastTheEnd);
    }

    const hits = `totalCount edges { cursor } ${pageInfo}`;
    const { search } = await graphql<{ search: Page }>(
      `{ search(query: "istanbul", first: 100) { ${hits} } }`,
    );
    const { search: past } = await graphql<{ search: Page }>(
      `query ($after: String) { search(query: "istanbul", first: 5, after: $after) { ${hits} } }`,
      { after: search.edges.at(-1)?.cursor },
    );
    expect(search.edges.length).toBe(search.totalCount);
    expect(past.edges).toEqual([]);
    expect(past.pageInfo).toEqual(pastTheEnd);
  });

  it('answers a page before the first item with no items and null cursors', async () => {
    const first = await statements('first: 1');
    const before = await statements(`last: 5, before: "${first.pageInfo.startCursor}"`);
    expect(before.nodes).toEqual([]);
    expect(before.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
  });

  it('answers a list with nothing in it with null cursors, however it is paged', async () => {
    for (const args of ['', 'first: 5, ', 'last: 5, ']) {
      const empty = await statements(`${args}filter: { speaker: ["no-such-actor"] }`);
      expect(empty.totalCount, args).toBe(0);
      expect(empty.edges, args).toEqual([]);
      expect(empty.pageInfo, args).toEqual(nothing);
    }
  });

  it('answers a nested connection that holds nothing with null cursors, batched ones too', async () => {
    const data = await graphql<{
      actor: { first: Page; last: Page };
      actors: { nodes: { slug: string; statements: { totalCount: number; nodes: unknown[] } }[] };
    }>(
      `{ actor(slug: "recep-tayyip-erdogan") {
           first: statements(first: 5) { ${page} } last: statements(last: 5) { ${page} } }
         actors(first: 100) { nodes { slug statements(last: 1) { totalCount nodes { slug } } } } }`,
    );
    for (const empty of [data.actor.first, data.actor.last]) {
      expect(empty.nodes).toEqual([]);
      expect(empty.pageInfo).toEqual(nothing);
    }
    // The statements of a page of actors are read together (on D1, one query for them all).
    const silent = data.actors.nodes.filter((a) => a.statements.totalCount === 0);
    expect(silent.map((a) => a.slug)).toContain('recep-tayyip-erdogan');
    for (const actor of silent) expect(actor.statements.nodes, actor.slug).toEqual([]);
  });

  it('answers a search that finds nothing with null cursors', async () => {
    const { search } = await graphql<{ search: { totalCount: number; pageInfo: unknown } }>(
      `{ search(query: "qwertyuiop") { totalCount ${pageInfo} } }`,
    );
    expect(search).toEqual({ totalCount: 0, pageInfo: nothing });
  });

  it('pages a filtered list with its own total and cursors', async () => {
    const one = await graphql<{ statements: Page }>(
      `{ statements(first: 2, filter: { kind: [DIRECT_QUOTE] }) { ${page} } }`,
    );
    expect(one.statements.totalCount).toBe(23);
    const two = await graphql<{ statements: Page }>(
      `{ statements(first: 2, after: "${one.statements.pageInfo.endCursor}", filter: { kind: [DIRECT_QUOTE] }) { ${page} } }`,
    );
    expect(two.statements.nodes[0]?.slug).not.toBe(one.statements.nodes[1]?.slug);
    expect(two.statements.pageInfo.hasPreviousPage).toBe(true);
  });
});
