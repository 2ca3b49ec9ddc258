import { run } from './process';

/** Every domain a test defines on the shared daemon carries this prefix. */
export const TEST_DOMAIN_PREFIX = 'virtdeck-test-';

/**
 * The smallest real VM that QEMU runs under TCG here: 32 MiB, no disk, network boot that
 * finds nothing, so it stays running in the firmware until it is stopped.
 */
export function tinyTcgDomainXml(name: string): string {
  return `<domain type='qemu'>
  <name>${name}</name>
  <memory unit='MiB'>32</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='network'/></os>
  <features><acpi/></features>
  <on_poweroff>destroy</on_poweroff>
  <devices><emulator>/usr/bin/qemu-system-x86_64</emulator></devices>
</domain>`;
}

/** Destroys and undefines what a test (or an earlier, killed run) left on the daemon. */
export async function removeTestDomains(uri: string): Promise<void> {
  const { stdout } = await run('virsh', ['-q', '-c', uri, 'list', '--all', '--name']);
  const names = stdout.split('\n').map((n) => n.trim()).filter((n) => n.startsWith(TEST_DOMAIN_PREFIX));
  for (const name of names) {
    await run('virsh', ['-q', '-c', uri, 'destroy', name]).catch(() => undefined);
    await run('virsh', ['-q', '-c', uri, 'undefine', name]).catch(() => undefined);
  }
}

/**
 * The tiny VM with a serial console and a VNC screen: SeaBIOS writes its banner to the
 * serial port (useserial), finds no disk, and reboots a second later (rebootTimeout), so
 * the banner comes back again and again for a console opened at any time.
 */
/** `vncPassword`: the VNC server asks for it (QEMU's VNC authentication). */
export function consoleTcgDomainXml(name: string, vncPassword?: string): string {
  return `<domain type='qemu'>
  <name>${name}</name>
  <memory unit='MiB'>32</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/><bios useserial='yes' rebootTimeout='1000'/></os>
  <features><acpi/></features>
  <on_poweroff>destroy</on_poweroff>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <serial type='pty'/>
    <console type='pty'/>
    <graphics type='vnc' listen='127.0.0.1' autoport='yes'${vncPassword === undefined ? '' : ` passwd='${vncPassword}'`}/>
    <video><model type='vga'/></video>
  </devices>
</domain>`;
}
