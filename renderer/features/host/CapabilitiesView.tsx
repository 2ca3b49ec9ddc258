import { useMemo, useState } from 'react';
import { call } from '../../ipc/client';
import { LoadingOrError } from '../../components/StatusText';
import { useLoad } from '../../components/use-load';
import { summariseCapabilities, type CapabilitiesSummary } from '../../../shared/capabilities';

/** What the host can run, summarised; the raw XML is long and rarely read, behind a toggle. */
export function CapabilitiesView({ connectionId }: { readonly connectionId: string }): React.JSX.Element {
  const xml = useLoad(connectionId, () => call('host.capabilities', connectionId));
  const [open, setOpen] = useState(false);
  const summary = useMemo((): CapabilitiesSummary | string | null => {
    if (xml.kind !== 'ready') return null;
    try {
      return summariseCapabilities(xml.value);
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }, [xml]);
  return (
    <section className="panel" data-testid="capabilities">
      <h3>Capabilities</h3>
      <LoadingOrError value={xml} what="capabilities" testId="capabilities" />
      {typeof summary === 'string' && <p className="error" role="alert">Could not read the capabilities: {summary}</p>}
      {summary !== null && typeof summary !== 'string' && <CapabilitiesTable summary={summary} />}
      {xml.kind === 'ready' && (
        <>
          <button type="button" className="disclosure" aria-expanded={open} data-testid="capabilities-toggle" onClick={() => { setOpen(!open); }}>
            {open ? '▾' : '▸'} Capabilities XML
          </button>
          {open && <pre className="code" data-testid="capabilities-xml">{xml.value}</pre>}
        </>
      )}
    </section>
  );
}

function CapabilitiesTable({ summary }: { readonly summary: CapabilitiesSummary }): React.JSX.Element {
  return (
    <>
      <p className="muted">Host architecture: <strong data-testid="caps-host-arch">{summary.hostArch ?? 'not stated'}</strong></p>
      {summary.guests.length === 0
        ? <p className="muted">This host offers no guest types.</p>
        : (
          <table className="grid" data-testid="caps-guests">
            <thead><tr><th>Guest architecture</th><th>OS type</th><th>Domain types</th><th>Emulator</th><th>Machine types</th></tr></thead>
            <tbody>
              {summary.guests.map((g) => (
                <tr key={`${g.osType}/${g.arch}`} data-testid="caps-guest">
                  <td>{g.arch}{g.wordsize === null ? '' : ` (${g.wordsize}-bit)`}</td>
                  <td>{g.osType}</td>
                  <td data-testid="caps-domain-types">{g.domainTypes.join(', ') || '–'}</td>
                  <td><code>{g.emulator ?? '–'}</code></td>
                  <td className="machines" title={g.machines.join(', ')}>{g.machines.length === 0 ? '–' : g.machines.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
    </>
  );
}
