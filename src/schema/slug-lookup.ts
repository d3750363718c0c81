import type { ObjectRef } from '@pothos/core';
import { type BuilderTypes, builder } from '../builder.ts';
import type { NodeType, RecordTypes } from '../model/corpus.ts';

/** The root lookup every entity type has: by slug, null for an unknown slug, never an error. */
export function slugLookup<T extends NodeType>(
  field: string,
  type: T,
  ref: ObjectRef<BuilderTypes, RecordTypes[T]>,
  noun: string,
): void {
  builder.queryField(field, (t) =>
    t.field({
      type: ref,
      nullable: true,
      description: `${noun} by slug; null when none has that slug.`,
      args: {
        slug: t.arg.string({
          required: true,
          description: 'A slug, as the `slug` field gives it (kebab-case).',
        }),
      },
      // Pothos cannot narrow its resolver type over a generic shape; `ref` and `type` name the
      // same record type, which is what the cast asserts.
      resolve: (_root, { slug }, { store }) => store.bySlug(type, slug) as never,
    }),
  );
}
