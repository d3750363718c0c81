import { useGraphiQL } from '@graphiql/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  type ArticleText,
  type FoundExcerpt,
  findExcerpts,
  placeExcerpts,
  segment,
} from './excerpts.ts';
import { postGraphQL } from './fetcher.ts';

const articlesQuery = `query PlaygroundArticles {
  articles(first: 100) { nodes { slug title text } }
}`;

function useArticles(): ArticleText[] | Error | undefined {
  const [articles, setArticles] = useState<ArticleText[] | Error>();
  useEffect(() => {
    postGraphQL({ query: articlesQuery, operationName: 'PlaygroundArticles' })
      .then((result) => {
        const nodes = (result.data as { articles?: { nodes?: ArticleText[] } } | undefined)
          ?.articles?.nodes;
        setArticles(nodes ?? new Error('The API answered without articles.'));
      })
      .catch((error: unknown) =>
        setArticles(error instanceof Error ? error : new Error(`${error}`)),
      );
  }, []);
  return articles;
}

function parseResponse(response: string | null | undefined): unknown {
  if (!response) return undefined;
  try {
    return JSON.parse(response);
  } catch {
    return undefined;
  }
}

function Highlighted({ article, excerpts }: { article: ArticleText; excerpts: FoundExcerpt[] }) {
  const first = useRef<HTMLElement>(null);
  const segments = useMemo(
    () => segment(article.text.length, excerpts),
    [article.text.length, excerpts],
  );
  // The first span the result cites comes into view, so the reader needn't hunt for it.
  useEffect(() => {
    first.current?.scrollIntoView({ block: 'center' });
  }, [segments]);
  let marked = 0;
  return (
    <div className="article-text">
      {segments.map(({ start, end, excerpts: covering }) => {
        const text = article.text.slice(start, end);
        if (covering.length === 0) return <span key={start}>{text}</span>;
        marked += 1;
        return (
          <mark
            key={start}
            ref={marked === 1 ? first : undefined}
            data-depth={Math.min(covering.length, 3)}
            title={covering.map((e) => `${e.path} [${e.start}, ${e.end})`).join('\n')}
          >
            {text}
          </mark>
        );
      })}
    </div>
  );
}

/**
 * Beside the result: the article, with every span the current result cites as an excerpt
 * highlighted, so each fact can be checked against the words it comes from.
 */
export function ArticlePanel() {
  const articles = useArticles();
  const response = useGraphiQL((state) => state.tabs[state.activeTabIndex]?.response);
  const excerpts = useMemo(() => findExcerpts(parseResponse(response)), [response]);
  const placed = useMemo(
    () => (Array.isArray(articles) ? placeExcerpts(excerpts, articles) : new Map()),
    [articles, excerpts],
  );

  let body: React.ReactNode;
  if (articles === undefined) body = <p className="article-note">Loading the article…</p>;
  else if (articles instanceof Error) {
    body = <p className="article-note">Could not load the article: {articles.message}</p>;
  } else {
    // Articles the result cites, else the first, so the panel is never empty.
    const shown = articles.filter((a) => placed.has(a.slug));
    const list = shown.length > 0 ? shown : articles.slice(0, 1);
    body = list.map((article) => (
      <section key={article.slug}>
        <h3 className="article-title">{article.title}</h3>
        <Highlighted article={article} excerpts={placed.get(article.slug) ?? []} />
      </section>
    ));
  }

  const count = [...placed.values()].reduce((n, list) => n + list.length, 0);
  return (
    <aside className="graphiql-container article-panel" aria-label="Source article">
      <header className="article-header">
        <h2>Source</h2>
        <p className="article-note" data-testid="excerpt-count">
          {count === 0
            ? 'Run an operation that selects excerpts to see where each fact comes from.'
            : `${count} excerpt${count === 1 ? '' : 's'} from the result highlighted`}
        </p>
      </header>
      <div className="article-body">{body}</div>
    </aside>
  );
}
