import { builder } from '../builder.ts';
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

export const schema = builder.toSchema();
