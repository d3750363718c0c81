import { builder } from '../builder.ts';
import type { ExcerptData } from '../model/types.ts';
import { ExcerptRef } from './refs.ts';

interface SourcedShape {
  typename: string;
  slug: string;
  editorialNote: string | null;
  excerpts: ExcerptData[];
}

/** isTypeOf for records that carry their type name (see model/types.ts). */
export const isA =
  (typename: string) =>
  (value: unknown): boolean =>
    (value as { typename?: unknown }).typename === typename;

export const SourcedRef = builder.interfaceRef<SourcedShape>('Sourced').implement({
  description:
    'Anything drawn from the articles. Provenance is the point of this API: every such record points at the spans of text that support it.',
  fields: (t) => ({
    slug: t.exposeString('slug', {
      description: 'A stable, human-readable key (kebab-case), unique within its type.',
    }),
    excerpts: t.field({
      type: [ExcerptRef],
      description: 'The spans of the articles this record rests on: at least one, in text order.',
      resolve: (record, _args, { store }) => store.excerpts(record),
    }),
    editorialNote: t.exposeString('editorialNote', {
      nullable: true,
      description:
        'What general knowledge adds to, or corrects in, the text (a resolved date, a likely intended name). The text-derived fields keep what the article says.',
    }),
  }),
});
