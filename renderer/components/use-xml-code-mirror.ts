import { xml } from '@codemirror/lang-xml';
import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { search } from '@codemirror/search';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView, lineNumbers } from '@codemirror/view';
import { useEffect, useRef, type RefObject } from 'react';

/**
 * A CodeMirror 6 view of `doc` as XML in the returned element: labelled, numbered,
 * highlighted, searchable from the top. The view is the hook's: made on mount, destroyed
 * on unmount or when the text or label change. `extensions` adds what the caller's kind
 * of view needs (read-only, history, folding, keymaps); it is read when the view is made.
 */
export function useXmlCodeMirror(doc: string, label: string, extensions: () => readonly Extension[]): RefObject<HTMLDivElement | null> {
  const host = useRef<HTMLDivElement>(null);
  const own = useRef(extensions);
  own.current = extensions;
  useEffect(() => {
    const parent = host.current;
    if (!parent) return;
    const view = new EditorView({
      parent,
      state: EditorState.create({
        doc,
        extensions: [
          EditorView.contentAttributes.of({ 'aria-label': label }),
          lineNumbers(),
          xml(),
          syntaxHighlighting(defaultHighlightStyle),
          search({ top: true }),
          ...own.current(),
        ],
      }),
    });
    return () => { view.destroy(); };
  }, [doc, label]);
  return host;
}
