/** Percentiles, memory, disk and "how busy is the machine with other people's work". */
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';

export interface Percentiles {
  n: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Samples per second of summed latency (one client, back to back). */
  qps: number;
}

/** Nearest-rank percentiles of latencies in ms. */
export function percentiles(ms: number[]): Percentiles {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
  const sum = s.reduce((a, b) => a + b, 0);
  return { n: s.length, mean: sum / s.length, p50: at(50), p95: at(95), p99: at(99), max: s[s.length - 1]!, qps: (1000 * s.length) / sum };
}

let gcFn: (() => void) | null = null;
/** A full GC (without --expose-gc on the command line), so RSS deltas are not garbage. */
export function fullGc(): void {
  if (!gcFn) {
    v8.setFlagsFromString('--expose-gc');
    gcFn = vm.runInNewContext('gc') as () => void;
  }
  gcFn();
  gcFn();
}

export function rssMiB(pid: number | 'self' = 'self'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]) / 1024;
}

export function duBytes(dir: string): number {
  let total = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) total += duBytes(p);
    else if (e.isFile()) total += fs.statSync(p).size;
  }
  return total;
}

export const mib = (bytes: number) => bytes / 1024 / 1024;

export function loadavg(): [number, number, number] {
  const [a, b, c] = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').map(Number);
  return [a!, b!, c!];
}

const TICK = 100; // USER_HZ on Linux

function machineBusySeconds(): number {
  const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal
  const busy = cpu[0]! + cpu[1]! + cpu[2]! + cpu[5]! + cpu[6]! + cpu[7]!;
  return busy / TICK;
}

function processCpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICK; // utime, stime
  } catch {
    return 0;
  }
}

export interface Interference {
  seconds: number;
  /** Cores kept busy by processes other than this one and its Neo4j, on average. */
  otherCores: number;
  ownCores: number;
  loadStart: number;
  loadEnd: number;
}

/** Measures, over a window, how much CPU the rest of the machine used. */
export function watchMachine(childPids: () => number[]): () => Interference {
  const t0 = performance.now();
  const busy0 = machineBusySeconds();
  const self0 = processCpuSeconds(process.pid);
  const kids0 = childPids().reduce((a, p) => a + processCpuSeconds(p), 0);
  const loadStart = loadavg()[0];
  return () => {
    const seconds = (performance.now() - t0) / 1000;
    const busy = machineBusySeconds() - busy0;
    const own = processCpuSeconds(process.pid) - self0 + (childPids().reduce((a, p) => a + processCpuSeconds(p), 0) - kids0);
    return {
      seconds,
      otherCores: Math.max(0, (busy - own) / seconds),
      ownCores: own / seconds,
      loadStart,
      loadEnd: loadavg()[0],
    };
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
