import { useState } from 'react';
import { call } from '../../ipc/client';
import { LoadingOrError } from '../../components/StatusText';
import { useLoad } from '../../components/use-load';

/** The capabilities XML is long and rarely read: fetched only when opened. */
export function CapabilitiesView({ connectionId }: { readonly connectionId: string }): React.JSX.Element {
  const [open, setOpen] = useState(false);
  return (
    <section className="panel" data-testid="capabilities">
      <button type="button" className="disclosure" aria-expanded={open} data-testid="capabilities-toggle" onClick={() => { setOpen(!open); }}>
        {open ? '▾' : '▸'} Capabilities XML
      </button>
      {open && <CapabilitiesXml connectionId={connectionId} />}
    </section>
  );
}

function CapabilitiesXml({ connectionId }: { readonly connectionId: string }): React.JSX.Element {
  const xml = useLoad(connectionId, () => call('host.capabilities', connectionId));
  return (
    <>
      <LoadingOrError value={xml} what="capabilities" testId="capabilities" />
      {xml.kind === 'ready' && <pre className="code" data-testid="capabilities-xml">{xml.value}</pre>}
    </>
  );
}
