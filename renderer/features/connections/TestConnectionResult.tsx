import type { AppError } from '../../../shared/errors';
import type { HostInfo } from '../../../shared/model';
import { ErrorText } from '../../components/ErrorText';

export type TestOutcome =
  | { readonly kind: 'idle' }
  | { readonly kind: 'testing'; readonly uri: string }
  | { readonly kind: 'passed'; readonly uri: string; readonly host: HostInfo }
  | { readonly kind: 'failed'; readonly uri: string; readonly error: AppError };

/** What Test connection found: the host's own words, or the exact error and what to do about it. */
export function TestConnectionResult({ outcome }: { readonly outcome: TestOutcome }): React.JSX.Element | null {
  switch (outcome.kind) {
    case 'idle': return null;
    case 'testing': return <p className="muted" role="status" data-testid="test-result" data-outcome="testing">Opening {outcome.uri}…</p>;
    case 'passed': {
      const { host } = outcome;
      return (
        <p className="test-passed" role="status" data-testid="test-result" data-outcome="passed">
          Connected to <strong data-testid="test-hostname">{host.hostname}</strong>: {host.type} {host.hypervisorVersion}, libvirt {host.libvirtVersion}. Closed again.
        </p>
      );
    }
    case 'failed':
      return (
        <div data-testid="test-result" data-outcome="failed">
          <ErrorText error={outcome.error} testId="test-error" />
        </div>
      );
  }
}
