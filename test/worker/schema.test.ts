import {
  buildSchema,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import committed from '../../schema/schema.graphql?raw';
import { request } from './client.ts';

function undocumented(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (
      type.name.startsWith('__') ||
      ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)
    )
      continue;
    if (!type.description) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description) missing.push(`${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : []) {
          if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) {
        if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
    }
  }
  return missing;
}

describe('the schema', () => {
  it('is served at /schema.graphql exactly as committed (run `npm run schema` after a change)', async () => {
    const res = await request('/schema.graphql');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(committed);
  });

  it('documents every type, field, argument and enum value', () => {
    expect(undocumented(buildSchema(committed))).toEqual([]);
  });

  it('keeps the contract’s non-null lists and nullable lookups', () => {
    const schema = buildSchema(committed);
    const query = schema.getQueryType()?.getFields();
    expect(String(query?.actor?.type)).toBe('Actor');
    expect(String(query?.nodes?.type)).toBe('[Node]!');
    expect(String(query?.statements?.type)).toBe('StatementConnection!');
    const statement = schema.getType('Statement');
    expect(isObjectType(statement) && String(statement.getFields().excerpt?.type)).toBe('Excerpt!');
    expect(isObjectType(statement) && String(statement.getFields().reportedBy?.type)).toBe('Actor');
  });
});
