import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { searchKeymap } from '@codemirror/search';
import { EditorView, keymap } from '@codemirror/view';
import { useRef } from 'react';
import { useXmlCodeMirror } from './use-xml-code-mirror';

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
  const changed = useRef(onChange);
  changed.current = onChange;
  const host = useXmlCodeMirror(initial, label, () => [
    history(),
    keymap.of([...searchKeymap, ...historyKeymap, ...defaultKeymap]),
    EditorView.updateListener.of((update) => { if (update.docChanged) changed.current(update.state.doc.toString()); }),
  ]);
  return <div className="xml-view" ref={host} data-testid={testId} />;
}
