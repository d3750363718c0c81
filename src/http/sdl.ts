import { printSchema } from 'graphql';
import { schema } from '../schema/index.ts';

let sdl: string | undefined;

/**
 * The schema as SDL. Printed on first request, not at isolate start, since most isolates
 * never serve it.
 */
export function schemaSdl(): Response {
  sdl ??= `${printSchema(schema)}\n`;
  return new Response(sdl, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
