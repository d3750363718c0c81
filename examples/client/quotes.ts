import type { createClient } from './execute.ts';
import { graphql } from './gql/index.ts';

export const QuotesOnTopic = graphql(`
  query QuotesOnTopic($topic: String!) {
    statements(first: 100, filter: { topic: [$topic], kind: [DIRECT_QUOTE] }) {
      nodes {
        text
        speaker {
          name
        }
        excerpt {
          start
          end
        }
      }
    }
  }
`);

export interface Quote {
  speaker: string;
  words: string;
  /** Where the quote stands in the article's text, to link or highlight it. */
  at: [start: number, end: number];
}

/** The verbatim quotes on a topic, shaped for a list in the UI. */
export async function quotesOnTopic(
  execute: ReturnType<typeof createClient>,
  topic: string,
): Promise<Quote[]> {
  const data = await execute(QuotesOnTopic, { topic });
  return data.statements.nodes.map((s) => ({
    speaker: s.speaker.name,
    words: s.text,
    at: [s.excerpt.start, s.excerpt.end],
  }));
}
