import { GraphQLError, Kind } from 'graphql';
import { builder } from '../builder.ts';

const pattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` naming a day of the calendar, as given, or a GraphQL error saying why not. */
function parseDate(value: unknown): string {
  const match = typeof value === 'string' ? pattern.exec(value) : null;
  if (match) {
    const [, year, month, day] = match.map(Number) as [number, number, number, number];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCMonth() === month - 1 && date.getUTCDate() === day) return value as string;
  }
  const shown = JSON.stringify(value)?.slice(0, 40) ?? String(value);
  throw new GraphQLError(`A Date is a day written YYYY-MM-DD (2025-05-16); got ${shown}.`);
}

builder.scalarType('Date', {
  description:
    'A calendar day, `YYYY-MM-DD` (ISO 8601). As a bound it is inclusive; an article dated only to a month or a year counts as that period’s first day.',
  serialize: (value) => value,
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});
