import { defaultKeymap } from '@codemirror/commands';
import { foldGutter, foldKeymap } from '@codemirror/language';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { EditorState } from '@codemirror/state';
import { keymap } from '@codemirror/view';
import { useXmlCodeMirror } from './use-xml-code-mirror';

/** XML shown read-only in CodeMirror 6: highlighted, foldable, searchable with Ctrl+F. */
export function XmlView({ text, label, testId = 'xml-view' }: { readonly text: string; readonly label: string; readonly testId?: string }): React.JSX.Element {
  const host = useXmlCodeMirror(text, label, () => [
    // Read-only, yet focusable, so the cursor, selection and search work.
    EditorState.readOnly.of(true),
    foldGutter(),
    highlightSelectionMatches(),
    keymap.of([...searchKeymap, ...foldKeymap, ...defaultKeymap]),
  ]);
  return <div className="xml-view" ref={host} data-testid={testId} />;
}
