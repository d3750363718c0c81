import { useMonaco } from '@graphiql/react';
import { useEffect } from 'react';

// The article's own typography (’ “ ” –) is what a result quotes; Monaco boxes each as an
// "ambiguous" or non-ASCII character, which reads as a fault in the data. Turned off in
// every editor GraphiQL creates, before and after this effect runs.
const plain = {
  unicodeHighlight: {
    ambiguousCharacters: false,
    invisibleCharacters: false,
    nonBasicASCII: false,
  },
} as const;

/** Turns off Monaco's unicode highlighting in the playground's editors; renders nothing. */
export function PlainQuotes(): null {
  const { monaco } = useMonaco();
  useEffect(() => {
    if (!monaco) return;
    for (const editor of monaco.editor.getEditors()) editor.updateOptions(plain);
    const created = monaco.editor.onDidCreateEditor((editor) => editor.updateOptions(plain));
    return () => created.dispose();
  }, [monaco]);
  return null;
}
