/**
 * A Vite plugin for virtdeck-cli's build: the library asks ssh2 for its Client and its key
 * parser and nothing else, yet ssh2's index also loads its server, key generator and HTTP
 * agents, and with them Node's http and https. Here `ssh2` resolves to those two modules
 * alone, so an SSH command loads what it runs. A use of anything else of ssh2 fails the
 * CLI's SSH tests (test/integration/cli/cli-loading.test.ts).
 */
import type { Plugin } from 'vite';

const CLIENT_ONLY = '\0virtdeck-ssh2-client-only';

export function ssh2ClientOnly(): Plugin {
  return {
    name: 'virtdeck-ssh2-client-only',
    enforce: 'pre',
    resolveId(id) {
      return id === 'ssh2' ? CLIENT_ONLY : null;
    },
    load(id) {
      if (id !== CLIENT_ONLY) return null;
      // The shape of ssh2's own default export, as far as the library uses it.
      return [
        "import Client from 'ssh2/lib/client.js';",
        "import { parseKey } from 'ssh2/lib/protocol/keyParser.js';",
        'const utils = { parseKey };',
        'export { Client, utils };',
        'export default { Client, utils };',
      ].join('\n');
    },
  };
}
