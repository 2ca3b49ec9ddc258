import { call } from '../../ipc/client';
import { Modal } from '../../components/Modal';
import { LoadingOrError } from '../../components/StatusText';
import { useLoad } from '../../components/use-load';
import { actions } from '../../stores/store';
import { DomainGraphs } from '../graphs/DomainGraphs';

export function DomainDetailsDialog({ connectionId, uuid, name }: { readonly connectionId: string; readonly uuid: string; readonly name: string }): React.JSX.Element {
  const xml = useLoad(`${connectionId}/${uuid}`, () => call('domains.xml', connectionId, uuid));
  const close = (): void => { actions().closeDialog(); };
  return (
    <Modal title={`Domain ${name}`} testId="domain-details" onCancel={close} wide>
      <DomainGraphs connectionId={connectionId} uuid={uuid} />
      <LoadingOrError value={xml} what="the domain's XML" testId="domain-xml" />
      {xml.kind === 'ready' && <pre className="code" data-testid="domain-xml" tabIndex={0}>{xml.value}</pre>}
      <div className="dialog-buttons">
        <button type="button" data-testid="details-close" onClick={close}>Close</button>
      </div>
    </Modal>
  );
}
