import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { xml } from '@codemirror/lang-xml';
import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { search, searchKeymap } from '@codemirror/search';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers } from '@codemirror/view';
import { useEffect, useRef } from 'react';

/**
 * XML edited in CodeMirror 6, as XmlView shows it but writable. Tab is left to the page
 * (no indent-with-Tab), so a keyboard user can leave the editor. The view is made once per
 * `initial` text; edits go out through onChange.
 */
export function XmlEditor({ initial, label, onChange, testId = 'xml-editor' }: {
  readonly initial: string;
  readonly label: string;
  readonly onChange: (text: string) => void;
  readonly testId?: string;
}): React.JSX.Element {
  const host = useRef<HTMLDivElement>(null);
  const changed = useRef(onChange);
  changed.current = onChange;
  useEffect(() => {
    const parent = host.current;
    if (!parent) return;
    const view = new EditorView({
      parent,
      state: EditorState.create({
        doc: initial,
        extensions: [
          EditorView.contentAttributes.of({ 'aria-label': label }),
          lineNumbers(),
          history(),
          xml(),
          syntaxHighlighting(defaultHighlightStyle),
          search({ top: true }),
          keymap.of([...searchKeymap, ...historyKeymap, ...defaultKeymap]),
          EditorView.updateListener.of((update) => { if (update.docChanged) changed.current(update.state.doc.toString()); }),
        ],
      }),
    });
    return () => { view.destroy(); };
  }, [initial, label]);
  return <div className="xml-view" ref={host} data-testid={testId} />;
}
