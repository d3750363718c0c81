// Monaco's language services run in web workers that Vite bundles beside the page, so the
// editor needs no other origin.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './playground.css';
import { GraphiQL } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { exampleOperations } from '../examples/operations/index.ts';
import { ArticlePanel } from './article-panel.tsx';
import { fetcher } from './fetcher.ts';
import { PlainQuotes } from './plain-quotes.ts';

const defaultTabs = Object.values(exampleOperations).map((query) => ({ query }));

const root = document.getElementById('root');
if (!root) throw new Error('The playground page has no #root element.');

createRoot(root).render(
  <StrictMode>
    {/* The doc explorer and history are GraphiQL's defaults; both stay on. */}
    <GraphiQL fetcher={fetcher} defaultTabs={defaultTabs}>
      <GraphiQL.Logo>newsgraph</GraphiQL.Logo>
      <PlainQuotes />
      <ArticlePanel />
    </GraphiQL>
  </StrictMode>,
);
