/**
 * Karvon as the benchmark's child process: one CLI command run to its end, or the real server
 * started, waited for and stopped. The benchmark measures what an operator would run, not our
 * functions called in-process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

/** bin/karvon.js, from dist/bench/ where this file runs once compiled. */
/**
 * The benchmark calls the server as the network operator through a bootstrap token (it sees every
 * shipment, so every sampled id answers 200), with rate limits far above the load it sends: the
 * figures are of the tracking API, not of the limiter refusing a single client at 1,000 req/s.
 */
const BENCH_BOOTSTRAP_TOKEN = 'karvon-benchmark-bootstrap-token-0123456789';
export const BENCH_AUTHORIZATION = `Bearer ${BENCH_BOOTSTRAP_TOKEN}`;
export const BENCH_SERVER_ENV = { KARVON_BOOTSTRAP_TOKEN: BENCH_BOOTSTRAP_TOKEN, KARVON_RATE_LIMIT_PER_KEY: '10000000', KARVON_RATE_LIMIT_PER_ADDRESS: '10000000' };

export const KARVON_BIN = fileURLToPath(new URL('../../bin/karvon.js', import.meta.url));

export interface CommandResult {
  stdout: string;
  /** Wall-clock seconds from spawn to exit, Node's own start-up included. */
  wallSeconds: number;
}

/**
 * Runs `node bin/karvon.js <args>` with `env` added to ours. stdout is collected (and echoed when
 * `echo`); stderr goes to ours, so a progress bar shows on a terminal. `heartbeat` is called every
 * `heartbeatMs` with the seconds elapsed, for long runs.
 */
export function runKarvon(
  args: readonly string[],
  env: Record<string, string>,
  options: { echo?: boolean; heartbeat?: (elapsedS: number) => void; heartbeatMs?: number } = {},
): Promise<CommandResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [KARVON_BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (options.echo) process.stdout.write(chunk);
    });
    const timer = options.heartbeat ? setInterval(() => options.heartbeat!((performance.now() - started) / 1000), options.heartbeatMs ?? 30_000) : undefined;
    const stopOnExit = () => child.kill('SIGKILL');
    process.once('exit', stopOnExit);
    child.on('error', (error) => {
      clearInterval(timer);
      process.off('exit', stopOnExit);
      reject(new Error(`could not start karvon ${args.join(' ')}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearInterval(timer);
      process.off('exit', stopOnExit);
      const stdout = Buffer.concat(chunks).toString('utf8');
      if (code !== 0) {
        reject(new Error(`karvon ${args.join(' ')} failed (${signal ?? `exit code ${code}`}); its error output is above${stdout ? `, its output ended with:\n${stdout.slice(-2000)}` : ''}`));
        return;
      }
      resolve({ stdout, wallSeconds: (performance.now() - started) / 1000 });
    });
  });
}

/** A TCP port that was free a moment ago on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Resident and peak resident memory of a process, from /proc/<pid>/status (Linux only). */
export function processMemory(pid: number): { rssBytes: number; peakRssBytes: number } | undefined {
  let status: string;
  try {
    status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rssBytes: kib('VmRSS'), peakRssBytes: kib('VmHWM') };
}

/**
 * CPU seconds (user + system) a process has used so far (Linux /proc; undefined elsewhere). The
 * difference over a run is what the server spent, which a shared machine disturbs far less than
 * the wall time.
 */
export function processCpuSeconds(pid: number): number | undefined {
  try {
    // Fields after the command name (which may hold spaces, in parentheses): utime and stime are the 12th and 13th.
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

export interface RunningServer {
  pid: number;
  baseUrl: string;
  /** Seconds from spawn until GET /ready first answered 200. */
  readySeconds: number;
  /** Stops the server (SIGTERM, then SIGKILL after a grace period). Safe to call twice. */
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function answersReady(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false; // not listening yet
  }
}

function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts `node bin/karvon.js serve` on `dataDir` and `port` (loopback only), without the demo unless
 * `demoShipments` asks for one, its output appended to `logFile`, and waits until GET /ready answers
 * 200 (with the demo: once it has seeded). A server that exits or is not ready within
 * `readyTimeoutS` is an error (and is killed). The server is also killed if this process exits first.
 */
export async function startServer(options: {
  dataDir: string;
  port: number;
  logFile: string;
  logLevel: string;
  readyTimeoutS: number;
  demoShipments?: number;
  /** More environment for the server (KARVON_MQTT_PORT, ...). */
  env?: Record<string, string>;
  /** Options for node itself before bin/karvon.js (--cpu-prof, ...). */
  nodeArgs?: readonly string[];
  /** Another build's bin/karvon.js (a checkout of an earlier commit, built), to compare builds on one machine state. */
  bin?: string;
}): Promise<RunningServer> {
  const log = fs.openSync(options.logFile, 'a');
  const started = performance.now();
  const demo = options.demoShipments === undefined ? { args: ['--no-demo'], env: {} } : { args: [], env: { KARVON_DEMO_SHIPMENTS: String(options.demoShipments) } };
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.bin ?? KARVON_BIN, 'serve', ...demo.args], {
    env: { ...process.env, ...BENCH_SERVER_ENV, ...demo.env, ...options.env, KARVON_DATA_DIR: options.dataDir, KARVON_PORT: String(options.port), KARVON_HOST: '127.0.0.1', KARVON_LOG_LEVEL: options.logLevel },
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    exited = signal ?? `exit code ${code}`;
    process.off('exit', killOnExit);
  });
  child.once('error', (error) => {
    exited = error.message;
  });
  const stop = () => stopChild(child, 10_000);

  const baseUrl = `http://127.0.0.1:${options.port}`;
  const deadline = started + options.readyTimeoutS * 1000;
  while (!(await answersReady(`${baseUrl}/ready`))) {
    if (exited) throw new Error(`karvon serve stopped before it was ready (${exited}); see ${options.logFile}`);
    if (performance.now() > deadline) {
      await stop();
      throw new Error(`karvon serve was not ready within ${options.readyTimeoutS} s; see ${options.logFile}`);
    }
    await sleep(50);
  }
  if (child.pid === undefined) throw new Error('karvon serve has no process id');
  return { pid: child.pid, baseUrl, readySeconds: (performance.now() - started) / 1000, stop };
}
