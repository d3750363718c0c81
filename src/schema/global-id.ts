import { decodeBase64 } from '@pothos/core';
import { base64 } from './base64.ts';
import { badUserInput } from './errors.ts';

const nodeTypes = new Set([
  'Article',
  'Actor',
  'Statement',
  'Meeting',
  'DraftAgreement',
  'DraftClause',
  'Topic',
]);

/**
 * Decodes `base64("Type:slug")` in constant time. A string that is not such an ID is the
 * client's mistake, so it is a BAD_USER_INPUT error rather than Pothos's internal one.
 */
export function decodeGlobalID(globalID: string): { typename: string; id: string } {
  let decoded: string;
  try {
    decoded = decodeBase64(globalID);
  } catch {
    throw badUserInput(`"${globalID.slice(0, 64)}" is not a valid global ID.`);
  }
  const colon = decoded.indexOf(':');
  const typename = decoded.slice(0, colon);
  if (colon < 1 || !nodeTypes.has(typename)) {
    throw badUserInput(`"${globalID.slice(0, 64)}" is not a valid global ID.`);
  }
  return { typename, id: decoded.slice(colon + 1) };
}

/** `base64("Type:slug")`, the ID Pothos's own encoder gives, without its cost. */
export function encodeGlobalID(typename: string, id: bigint | number | string): string {
  return base64(`${typename}:${id}`);
}
