#!/usr/bin/python3
"""The same jobs as bench/run.ts, done with libvirt's C library through python3-libvirt.

Run by the benchmark with Debian's /usr/bin/python3: URI, repetitions, and optionally a
comma-separated list of the jobs to run. Prints one JSON object: for each job,
the wall times in milliseconds of every repetition, measured inside this process so that
the interpreter's start-up is not counted.
"""
import json
import sys
import time

import libvirt

STATE_NAMES = ['nostate', 'running', 'blocked', 'paused', 'shutdown', 'shutoff', 'crashed', 'pmsuspended']


def timed(runs, job, warmup):
    for _ in range(warmup):
        job()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        job()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main():
    uri, runs = sys.argv[1], int(sys.argv[2])
    only = sys.argv[3].split(',') if len(sys.argv) > 3 else None
    # Uncounted runs first, as many as ours get (bench/run.ts WARMUP).
    warmup = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    libvirt.registerErrorHandler(lambda _ctx, _err: None, None)
    conn = libvirt.open(uri)
    domains = conn.listAllDomains(0)

    def open_close():
        libvirt.open(uri).close()

    def host_info():
        conn.getType(), conn.getVersion(), conn.getLibVersion(), conn.getHostname(), conn.getURI(), conn.getInfo()

    def domain_info_1000():
        for dom in domains[:1000]:
            dom.info()

    def list_job():
        # What `virsh list --all` prints: id, name and state of every domain.
        rows = []
        for dom in conn.listAllDomains(0):
            state = dom.state()[0]
            rows.append((dom.ID(), dom.name(), STATE_NAMES[state]))
        return rows

    def list_json_job():
        # What `virtdeck-cli list --all --json` prints.
        rows = []
        for dom in conn.listAllDomains(0):
            state, _max_mem, memory, vcpus, _cpu_time = dom.info()
            dom_id = dom.ID()
            rows.append({
                'id': None if dom_id < 0 else dom_id,
                'name': dom.name(),
                'uuid': dom.UUIDString(),
                'state': STATE_NAMES[state],
                'vcpus': vcpus,
                'memoryKiB': memory,
            })
        return json.dumps(rows)

    def all_domain_stats():
        conn.getAllDomainStats(libvirt.VIR_DOMAIN_STATS_STATE)

    jobs = {
        'open': open_close,
        'hostInfo': host_info,
        'domainInfo1000': domain_info_1000,
        'listJob': list_job,
        'listJsonJob': list_json_job,
        'allDomainStats': all_domain_stats,
    }
    results = {name: timed(runs, job, warmup) for name, job in jobs.items() if only is None or name in only}
    conn.close()
    print(json.dumps({'domains': len(domains), 'results': results}))


if __name__ == '__main__':
    main()
