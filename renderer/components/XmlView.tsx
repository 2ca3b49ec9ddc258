import { defaultKeymap } from '@codemirror/commands';
import { xml } from '@codemirror/lang-xml';
import { defaultHighlightStyle, foldGutter, foldKeymap, syntaxHighlighting } from '@codemirror/language';
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers } from '@codemirror/view';
import { useEffect, useRef } from 'react';

/**
 * XML shown read-only in CodeMirror 6: highlighted, foldable, searchable with Ctrl+F.
 * The view is this component's: made on mount, destroyed on unmount or new text.
 */
export function XmlView({ text, label, testId = 'xml-view' }: { readonly text: string; readonly label: string; readonly testId?: string }): React.JSX.Element {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const parent = host.current;
    if (!parent) return;
    const view = new EditorView({
      parent,
      state: EditorState.create({
        doc: text,
        extensions: [
          // Read-only, yet focusable, so the cursor, selection and search work.
          EditorState.readOnly.of(true),
          EditorView.contentAttributes.of({ 'aria-label': label }),
          lineNumbers(),
          foldGutter(),
          xml(),
          syntaxHighlighting(defaultHighlightStyle),
          search({ top: true }),
          highlightSelectionMatches(),
          keymap.of([...searchKeymap, ...foldKeymap, ...defaultKeymap]),
        ],
      }),
    });
    return () => { view.destroy(); };
  }, [text, label]);
  return <div className="xml-view" ref={host} data-testid={testId} />;
}
