import * as Tabs from '@radix-ui/react-tabs';
import { useState } from 'react';
import type { AppError } from '../../../shared/errors';
import type { DomainSummary } from '../../../shared/model';
import { ErrorText } from '../../components/ErrorText';
import { formatKiB } from '../../components/format';
import { Modal } from '../../components/Modal';
import { LoadingOrError } from '../../components/StatusText';
import { useLoad } from '../../components/use-load';
import { XmlView } from '../../components/XmlView';
import { call } from '../../ipc/client';
import { actions, useStore } from '../../stores/store';
import { ScreenshotThumbnail } from '../consoles/ScreenshotThumbnail';
import { LazySerialConsole, LazyVncConsole } from '../consoles/lazy-consoles';
import { DomainGraphs } from '../graphs/DomainGraphs';
import { SnapshotsTab } from '../snapshots/SnapshotsTab';
import { xmlFacts } from './domain-xml-facts';
import { DomainStateFacts } from './DomainStateFacts';
import { StateBadge } from './StateBadge';

/** Which console the details show; one at a time, since each holds a live stream. */
type ConsoleChoice = 'none' | 'serial' | 'vnc';

type Tab = 'overview' | 'xml' | 'snapshots';

function Fact({ label, testId, children }: { readonly label: string; readonly testId: string; readonly children: React.ReactNode }): React.JSX.Element {
  return <div className="fact"><dt>{label}</dt><dd data-testid={testId}>{children}</dd></div>;
}

/**
 * One domain: its overview (facts, screenshot, live graphs, a console) and its XML.
 * `startError`: why a VM just created did not start, since the assistant that asked has closed.
 */
export function DomainDetailsDialog({ connectionId, uuid, name, initialConsole = 'none', startError }: {
  readonly connectionId: string;
  readonly uuid: string;
  readonly name: string;
  readonly initialConsole?: ConsoleChoice;
  readonly startError?: AppError | undefined;
}): React.JSX.Element {
  const [tab, setTab] = useState<Tab>('overview');
  const domain = useStore((s): DomainSummary | undefined => {
    const list = s.domains.get(connectionId);
    return list?.kind === 'ready' ? list.value.find((d) => d.uuid === uuid) : undefined;
  });
  // Fetched again when the state changes: a started domain's live XML differs.
  const xml = useLoad(`${connectionId}/${uuid}/${domain?.state ?? ''}`, () => call('domains.xml', connectionId, uuid));
  const facts = xml.kind === 'ready' ? xmlFacts(xml.value) : null;
  const close = (): void => { actions().closeDialog(); };
  const [consoleShown, setConsoleShown] = useState<ConsoleChoice>(initialConsole);
  return (
    <Modal title={`Domain ${name}`} testId="domain-details" onCancel={close} wide>
      <Tabs.Root value={tab} onValueChange={(v) => { if (v === 'overview' || v === 'xml' || v === 'snapshots') setTab(v); }}>
        <Tabs.List className="tabs" aria-label="Domain details">
          <Tabs.Trigger value="overview" data-testid="details-tab-overview">Overview</Tabs.Trigger>
          <Tabs.Trigger value="xml" data-testid="details-tab-xml">XML</Tabs.Trigger>
          <Tabs.Trigger value="snapshots" data-testid="details-tab-snapshots">Snapshots</Tabs.Trigger>
        </Tabs.List>
        <Tabs.Content value="overview" data-testid="domain-overview">
          {startError !== undefined && (
            <div data-testid="details-start-failed">
              <p>{name} was defined, but starting it failed:</p>
              <ErrorText error={startError} testId="details-start-error" />
            </div>
          )}
          {domain === undefined
            ? <p className="muted">This domain is no longer listed on the host.</p>
            : (
              <>
                <dl className="facts details-facts">
                  <Fact label="State" testId="detail-state"><StateBadge state={domain.state} /></Fact>
                  <Fact label="ID" testId="detail-id">{domain.id ?? '— (not running)'}</Fact>
                  <Fact label="UUID" testId="detail-uuid"><code>{domain.uuid}</code></Fact>
                  <Fact label="OS type" testId="detail-os">{facts === null ? '…' : [facts.osType, facts.arch, facts.machine].filter((x) => x !== null).join(' · ') || '—'}</Fact>
                  <Fact label="Domain type" testId="detail-type">{facts?.domainType ?? '…'}</Fact>
                  <Fact label="vCPUs" testId="detail-vcpus">{domain.vcpus}</Fact>
                  <Fact label="Memory" testId="detail-memory">{formatKiB(domain.memoryKiB)} of {formatKiB(domain.maxMemoryKiB)}</Fact>
                </dl>
                <DomainStateFacts connectionId={connectionId} uuid={uuid} name={name} state={domain.state} />
              </>
            )}
          <ScreenshotThumbnail connectionId={connectionId} uuid={uuid} name={name} />
          <DomainGraphs connectionId={connectionId} uuid={uuid} />
          <div className="console-choice" role="group" aria-label="Console">
            <button type="button" aria-pressed={consoleShown === 'serial'} data-testid="show-serial-console" onClick={() => { setConsoleShown('serial'); }}>Serial console</button>
            <button type="button" aria-pressed={consoleShown === 'vnc'} data-testid="show-vnc-console" onClick={() => { setConsoleShown('vnc'); }}>Graphical console</button>
            <button type="button" aria-pressed={consoleShown === 'none'} onClick={() => { setConsoleShown('none'); }}>No console</button>
          </div>
          {consoleShown === 'serial' && <LazySerialConsole connectionId={connectionId} uuid={uuid} />}
          {consoleShown === 'vnc' && <LazyVncConsole connectionId={connectionId} uuid={uuid} />}
        </Tabs.Content>
        <Tabs.Content value="xml">
          <LoadingOrError value={xml} what="the domain's XML" testId="domain-xml" />
          {xml.kind === 'ready' && <XmlView text={xml.value} label={`XML of ${name}`} />}
        </Tabs.Content>
        <Tabs.Content value="snapshots">
          {tab === 'snapshots' && <SnapshotsTab connectionId={connectionId} uuid={uuid} state={domain?.state} />}
        </Tabs.Content>
      </Tabs.Root>
      <div className="dialog-buttons">
        <button type="button" data-testid="details-close" onClick={close}>Close</button>
      </div>
    </Modal>
  );
}
