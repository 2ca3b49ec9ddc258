import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layout's boundaries are lint rules; these probes are source text linted as if it
 * lived at the given path, so a rule that stopped matching fails here.
 */
// Probe files exist nowhere on disk, so the rules that need the type checker are off;
// the import rules under test need no types.
const eslint = new ESLint({ cwd: process.cwd(), overrideConfig: tseslint.configs.disableTypeChecked });

async function restrictedImports(path: string, text: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath: path });
  const fatal = result?.messages.find((m) => m.fatal === true);
  if (fatal) throw new Error(`${path}: ${fatal.message}`);
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('lint boundaries', { timeout: 60_000 }, () => {
  it('refuses a deep import into the library from main, the bridge or the CLI', async () => {
    for (const path of ['electron/main/probe.ts', 'electron/bridge/probe.ts', 'electron/cli/probe.ts']) {
      const messages = await restrictedImports(path, "import { RpcClient } from '../libvirt/rpc/client';\nexport const probe = RpcClient;\n");
      expect(messages, path).toEqual([expect.stringContaining('through its one entry')]);
    }
  });

  it('lets main import the library through its entry', async () => {
    expect(await restrictedImports('electron/main/probe.ts', "import { openUri } from '../libvirt';\nexport const probe = openUri;\n")).toEqual([]);
  });

  it('refuses Node modules in the renderer, by name and by the node: scheme', async () => {
    expect(await restrictedImports('renderer/probe.ts', "import { readFileSync } from 'fs';\nexport const probe = readFileSync;\n"))
      .toEqual([expect.stringContaining('knows no Node')]);
    expect(await restrictedImports('renderer/probe.ts', "import { join } from 'node:path';\nexport const probe = join;\n"))
      .toEqual([expect.stringContaining('knows no Node')]);
  });

  it('refuses the library and electron in the renderer', async () => {
    expect(await restrictedImports('renderer/features/probe.ts', "import { openUri } from '../../electron/libvirt';\nexport const probe = openUri;\n"))
      .toContainEqual(expect.stringContaining('imports only shared/'));
    expect(await restrictedImports('renderer/probe.ts', "import { ipcRenderer } from 'electron';\nexport const probe = ipcRenderer;\n"))
      .toEqual([expect.stringContaining('untrusted')]);
  });
});
