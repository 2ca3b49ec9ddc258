/**
 * Opening the embedded test driver, as libvirt's test driver opens: test:///default is one
 * host shared by every connection of this process while any of them is open (events from
 * one are seen by the others) and made anew after the last one closes; a host file gives
 * each connection a host of its own.
 */
import type { LibvirtUri } from '../../../../shared/uri';
import type { Connection } from '../../driver/api';
import { ErrorCode } from '../../protocol/error-codes';
import { EmbeddedTestConnection } from './connection';
import { DEFAULT_HOST_URI, defaultHostSpec } from './default-host';
import { From, libvirtError } from './errors';
import { loadHostFile } from './host-file';
import { TestHost, type TestHostOptions } from './host';

export interface OpenEmbeddedOptions extends TestHostOptions {
  readonly readOnly?: boolean;
}

let shared: { host: TestHost; users: number } | null = null;

function acquireDefault(options: TestHostOptions): { host: TestHost; release: () => void } {
  shared ??= { host: TestHost.fromSpec(defaultHostSpec(), options), users: 0 };
  const current = shared;
  current.users += 1;
  let released = false;
  return {
    host: current.host,
    release: () => {
      if (released) return;
      released = true;
      current.users -= 1;
      if (current.users === 0 && shared === current) shared = null;
    },
  };
}

/** Opens `test:///default` or `test:///abs/path.xml` in-process. */
export async function openEmbeddedTest(uri: LibvirtUri, options: OpenEmbeddedOptions = {}): Promise<Connection> {
  const name = uri.path === '/default' ? DEFAULT_HOST_URI : uri.text;
  if (uri.path === '/default') {
    const { host, release } = acquireDefault(options);
    return new EmbeddedTestConnection(host, { uri: name, readOnly: options.readOnly, release });
  }
  if (!uri.path.startsWith('/')) {
    throw libvirtError(ErrorCode.INVALID_ARG, From.TEST, 'testOpen: supply a path or use test:///default');
  }
  const host = TestHost.fromSpec(await loadHostFile(uri.path), options);
  return new EmbeddedTestConnection(host, { uri: name, readOnly: options.readOnly });
}
