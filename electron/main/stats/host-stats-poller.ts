/**
 * The host's own CPU and memory, sampled once a tick from the node's counters (two calls,
 * pipelined) while someone watches, and pushed as one `host.stats` event per tick.
 */
import { LibvirtError, type Connection } from '../../libvirt';
import type { HostStatsSample } from '../../../shared/model';
import { cpuPercent, cpuTimes, memoryUsage, type CpuTimes } from './node-usage';
import { startTicker } from './ticker';

export function startHostStats(
  conn: Connection,
  connectionId: string,
  intervalMs: number,
  publish: (sample: HostStatsSample) => void,
): () => void {
  let previous: CpuTimes | null = null;
  // A driver without memory statistics (libvirt's test driver) says so once: stop asking.
  let memorySupported = true;
  let stopped = false;
  const stop = startTicker(intervalMs, async () => {
    const [cpu, memory] = await Promise.all([
      conn.nodeCpuStats(),
      memorySupported
        ? conn.nodeMemoryStats().catch((error: unknown) => {
          if (!(error instanceof LibvirtError) || error.codeName !== 'NO_SUPPORT') throw error;
          memorySupported = false;
          return null;
        })
        : null,
    ]);
    const times = cpuTimes(cpu);
    const sample: HostStatsSample = {
      connectionId,
      at: Date.now(),
      cpuPercent: previous === null || times === null ? null : cpuPercent(previous, times),
      memory: memory === null ? null : memoryUsage(memory),
    };
    previous = times;
    if (!stopped) publish(sample);
  });
  return () => {
    stopped = true;
    stop();
  };
}
