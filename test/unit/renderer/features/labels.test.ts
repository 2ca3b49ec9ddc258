import { describe, expect, it } from 'vitest';
import { describeState } from '../../../../renderer/features/connections/state-label';
import { isActionEnabled } from '../../../../renderer/features/domains/domain-actions';
import { rawUriError, uriFromFields, INITIAL_FIELDS } from '../../../../renderer/features/connections/uri-fields';
import { formatBytes } from '../../../../renderer/components/format';

describe('connection state words', () => {
  it('says connected, unverified, failed with the reason, and the retry countdown', () => {
    expect(describeState({ kind: 'open', since: 0, verified: true }, 0)).toEqual({ tone: 'ok', text: 'Connected' });
    expect(describeState({ kind: 'open', since: 0, verified: false }, 0).text).toBe('Connected (unverified)');
    expect(describeState({ kind: 'connecting', attempt: 1 }, 0).text).toBe('Connecting…');
    const error = { kind: 'transport' as const, message: 'connection refused' };
    expect(describeState({ kind: 'failed', error, retryAt: null }, 0)).toEqual({ tone: 'bad', text: 'Failed: connection refused' });
    expect(describeState({ kind: 'failed', error, retryAt: 4_200 }, 1_000).text).toBe('Failed: connection refused. Retrying in 4s');
  });
});

describe('domain actions by state', () => {
  it('enables what virt-manager enables', () => {
    expect(isActionEnabled('suspend', 'running')).toBe(true);
    expect(isActionEnabled('resume', 'running')).toBe(false);
    expect(isActionEnabled('resume', 'paused')).toBe(true);
    expect(isActionEnabled('destroy', 'paused')).toBe(true);
    expect(isActionEnabled('start', 'shutoff')).toBe(true);
    expect(isActionEnabled('undefine', 'running')).toBe(false);
    expect(isActionEnabled('undefine', 'shutoff')).toBe(true);
  });
});

describe('the add-connection URI', () => {
  it('builds a URI from fields', () => {
    expect(uriFromFields({ ...INITIAL_FIELDS, user: 'root', host: 'kvm1', params: [{ name: 'keyfile', value: '/k' }] })).toEqual({ ok: true, uri: 'qemu+ssh://root@kvm1/system?keyfile=/k' });
    expect(uriFromFields({ ...INITIAL_FIELDS, transport: '', host: '' })).toEqual({ ok: true, uri: 'qemu:///system' });
  });

  it('refuses a bad port and reports the parser\'s words for raw text', () => {
    expect(uriFromFields({ ...INITIAL_FIELDS, host: 'h', port: '70000' }).ok).toBe(false);
    expect(rawUriError('qemu:///system')).toBeNull();
    expect(rawUriError('qemu+bogus://h/system')).toEqual(expect.any(String));
  });

  it('writes sizes in binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(107_374_182_400)).toBe('100.0 GiB');
  });
});
