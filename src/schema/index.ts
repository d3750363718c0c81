import { type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';
import { builder } from '../builder.ts';
import { encodeGlobalID } from './global-id.ts';
import './json.ts';
import './date.ts';
import './sourced.ts';
import './excerpt.ts';
import './partial-date.ts';
import './article.ts';
import './actor.ts';
import './statement.ts';
import './meeting.ts';
import './draft-agreement.ts';
import './draft-clause.ts';
import './position.ts';
import './topic.ts';
import './search.ts';

builder.queryType({
  description: 'The entry points: lookups by slug or global ID, and paged lists.',
});

type IdResolver = GraphQLFieldResolver<unknown, unknown>;

/**
 * The one place this code reaches into Pothos, for speed: its relay plugin resolves every
 * node's `id` through an async function, so every object with an ID is a promise to
 * graphql-js, which then assembles every object above it with Promise.all (BENCHMARKS.md
 * measures what this saves on a page). Each node's ID is its own `id.resolve` (its slug),
 * read from the type's options where the plugin keeps it, encoded as the plugin encodes it,
 * and given synchronously; test/worker/node.test.ts checks that no promise comes back and
 * that the IDs are Pothos's.
 */
function resolveIdsSynchronously(built: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(built.getTypeMap())) {
    if (!isObjectType(type) || !type.getInterfaces().some((i) => i.name === 'Node')) continue;
    const options = type.extensions.pothosOptions as { id?: { resolve?: IdResolver } };
    const resolveId = options.id?.resolve;
    const field = type.getFields().id;
    if (!resolveId || !field) throw new Error(`${type.name} is a Node without an id resolver`);
    const name = type.name;
    field.resolve = (parent, args, context, info) =>
      encodeGlobalID(name, String(resolveId(parent, args, context, info)));
  }
  return built;
}

export const schema = resolveIdsSynchronously(builder.toSchema());
