/**
 * The machine the figures come from, and how much of it the bench had: CPU seconds of this
 * process, of its finished children (tesseract, pdftoppm, the CLI) and of Neo4j's JVM, against
 * what the whole machine was busy with, over a window.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { runCommand } from '../../ingest/extract/run-command.js';

export interface Machine {
  cpu: string;
  cores: number;
  ramGiB: number;
  node: string;
  tesseract: string;
  poppler: string;
  neo4j: string;
  loadAtStart: string;
}

/** `model name` of /proc/cpuinfo (what `os.cpus()` reports too, but read from the source). */
function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    return line?.split(':')[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown CPU';
  } catch {
    return os.cpus()[0]?.model ?? 'unknown CPU';
  }
}

async function firstLine(program: string, args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await runCommand(program, args);
    return `${stdout.toString()}${stderr}`.split('\n')[0]!.trim();
  } catch (err) {
    return `(${(err as Error).message})`;
  }
}

export async function describeMachine(neo4jVersion: string): Promise<Machine> {
  return {
    cpu: cpuModel(),
    cores: os.availableParallelism(),
    ramGiB: os.totalmem() / 2 ** 30,
    node: process.version,
    tesseract: await firstLine('tesseract', ['--version']),
    poppler: await firstLine('pdftoppm', ['-v']),
    neo4j: neo4jVersion,
    loadAtStart: loadavg(),
  };
}

export const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

const TICK = 100; // USER_HZ on Linux

/** utime+stime (and cutime+cstime: finished, waited-for children) of a process, seconds. */
function procCpu(pid: number | 'self'): { own: number; children: number } {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
    return { own: (fields[11]! + fields[12]!) / TICK, children: (fields[13]! + fields[14]!) / TICK };
  } catch {
    return { own: 0, children: 0 };
  }
}

/** CPU seconds of this process's finished children so far (tesseract, pdftoppm, pdftotext, the CLI). */
export const childCpuSeconds = () => procCpu('self').children;

function machineBusySeconds(): number {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal
  return (cpu[0]! + cpu[1]! + cpu[2]! + cpu[5]! + cpu[6]! + cpu[7]!) / TICK;
}

export interface Window {
  seconds: number;
  /** CPU seconds of this Node process. */
  selfCpu: number;
  /** CPU seconds of children that finished in the window (tesseract, pdftoppm, the CLI). */
  childCpu: number;
  /** CPU seconds of the JVM (and any other live pid watched). */
  watchedCpu: number;
  /** CPU seconds the whole machine was busy. */
  busyCpu: number;
  /** Cores busy with other people's work on average (the machine's busy time minus ours). */
  otherCores: number;
  loadEnd: string;
}

export interface Snapshot {
  t: number;
  busy: number;
  self: number;
  children: number;
  watched: number;
}

/** Clocks and CPU counters now; `pids`: live processes of ours (Neo4j's JVM). */
export function snapshot(pids: () => number[]): Snapshot {
  const self = procCpu('self');
  return {
    t: performance.now(),
    busy: machineBusySeconds(),
    self: self.own,
    children: self.children,
    watched: pids().reduce((a, p) => a + procCpu(p).own, 0),
  };
}

function windowOf(seconds: number, busyCpu: number, selfCpu: number, childCpu: number, watchedCpu: number): Window {
  const other = busyCpu - selfCpu - childCpu - watchedCpu;
  return { seconds, selfCpu, childCpu, watchedCpu, busyCpu, otherCores: seconds > 0 ? Math.max(0, other / seconds) : 0, loadEnd: loadavg() };
}

export function between(a: Snapshot, b: Snapshot): Window {
  return windowOf((b.t - a.t) / 1000, b.busy - a.busy, b.self - a.self, b.children - a.children, b.watched - a.watched);
}

/** Several windows as one (e.g. every scanned PDF's reading). */
export function sumWindows(ws: Window[]): Window {
  const sum = (k: 'seconds' | 'busyCpu' | 'selfCpu' | 'childCpu' | 'watchedCpu') => ws.reduce((a, w) => a + w[k], 0);
  return windowOf(sum('seconds'), sum('busyCpu'), sum('selfCpu'), sum('childCpu'), sum('watchedCpu'));
}

/** Starts a window; the returned function closes it. */
export function cpuWindow(pids: () => number[]): () => Window {
  const a = snapshot(pids);
  return () => between(a, snapshot(pids));
}
