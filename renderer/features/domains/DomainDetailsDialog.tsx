import { call } from '../../ipc/client';
import { Modal } from '../../components/Modal';
import { LoadingOrError } from '../../components/StatusText';
import { useLoad } from '../../components/use-load';
import { actions } from '../../stores/store';
import { DomainGraphs } from '../graphs/DomainGraphs';
import { useState } from 'react';
import { ScreenshotThumbnail } from '../consoles/ScreenshotThumbnail';
import { SerialConsole } from '../consoles/SerialConsole';
import { VncConsole } from '../consoles/VncConsole';

/** Which console the details show; one at a time, since each holds a live stream. */
type ConsoleChoice = 'none' | 'serial' | 'vnc';

export function DomainDetailsDialog({ connectionId, uuid, name }: { readonly connectionId: string; readonly uuid: string; readonly name: string }): React.JSX.Element {
  const xml = useLoad(`${connectionId}/${uuid}`, () => call('domains.xml', connectionId, uuid));
  const close = (): void => { actions().closeDialog(); };
  const [consoleShown, setConsoleShown] = useState<ConsoleChoice>('none');
  return (
    <Modal title={`Domain ${name}`} testId="domain-details" onCancel={close} wide>
      <DomainGraphs connectionId={connectionId} uuid={uuid} />
      <ScreenshotThumbnail connectionId={connectionId} uuid={uuid} name={name} />
      <div className="console-choice" role="group" aria-label="Console">
        <button type="button" aria-pressed={consoleShown === 'serial'} data-testid="show-serial-console" onClick={() => { setConsoleShown('serial'); }}>Serial console</button>
        <button type="button" aria-pressed={consoleShown === 'vnc'} data-testid="show-vnc-console" onClick={() => { setConsoleShown('vnc'); }}>Graphical console</button>
        <button type="button" aria-pressed={consoleShown === 'none'} onClick={() => { setConsoleShown('none'); }}>No console</button>
      </div>
      {consoleShown === 'serial' && <SerialConsole connectionId={connectionId} uuid={uuid} />}
      {consoleShown === 'vnc' && <VncConsole connectionId={connectionId} uuid={uuid} />}
      <LoadingOrError value={xml} what="the domain's XML" testId="domain-xml" />
      {xml.kind === 'ready' && <pre className="code" data-testid="domain-xml" tabIndex={0}>{xml.value}</pre>}
      <div className="dialog-buttons">
        <button type="button" data-testid="details-close" onClick={close}>Close</button>
      </div>
    </Modal>
  );
}
