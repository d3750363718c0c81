import { builder } from '../builder.ts';

/**
 * A GraphQL enum made from one of the model's lists (src/model/enums.ts): its values are the
 * list's, in its order, each with its description in `values`. A value added to the list fails to
 * compile until it has a description.
 */
export function modelEnum<const T extends string>(
  name: string,
  list: readonly T[],
  options: { description: string; values: Record<T, string> },
) {
  return builder.enumType(name, {
    description: options.description,
    values: Object.fromEntries(
      list.map((value) => [value, { description: options.values[value] }]),
    ) as Record<T, { description: string }>,
  });
}
