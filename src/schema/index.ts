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
 * Pothos's relay plugin resolves every node's `id` through an async function, so any object
 * with an ID made graphql-js wait on a promise and assemble every object above it with
 * Promise.all: a page of 100 statements was over 200 promises, for values known at once. The
 * ID is the node's own `id.resolve` (its slug) encoded as the plugin encodes it, so it is
 * given here synchronously, the plugin's options being where Pothos keeps that resolver.
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
