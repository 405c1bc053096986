/**
 * Watches a server's /health from another process while a test makes it work: the slowest answer
 * is how long the server's event loop was stalled. A separate process, because a poller inside the
 * test process would be stalled together with the server and could not time it.
 */
import { spawn } from 'node:child_process';

const POLLER = `
let stop = false;
let slowestMs = 0;
let answers = 0;
process.stdin.on('data', () => { stop = true; });
(async () => {
  while (!stop) {
    const started = performance.now();
    const response = await fetch(process.argv[1] + '/health');
    await response.text();
    if (response.status !== 200) throw new Error('/health answered ' + response.status);
    slowestMs = Math.max(slowestMs, performance.now() - started);
    answers += 1;
    if (answers === 1) process.stdout.write('polling\\n');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  process.stdout.write(JSON.stringify({ slowestMs, answers }) + '\\n');
})();
`;

export interface HealthWatch {
  /** Stops polling; resolves to the slowest /health answer and the number of answers. */
  stop(): Promise<{ slowestMs: number; answers: number }>;
}

/** Starts polling `baseUrl`/health; resolves once the first answer came back. */
export async function watchHealth(baseUrl: string): Promise<HealthWatch> {
  const child = spawn(process.execPath, ['-e', POLLER, baseUrl], { stdio: ['pipe', 'pipe', 'inherit'] });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('polling')) resolve();
    });
    void exited.then((code) => reject(new Error(`the /health poller exited early (${code})`)));
  });
  return {
    async stop() {
      child.stdin.end('stop\n');
      const code = await exited;
      if (code !== 0) throw new Error(`the /health poller failed (${code})`);
      return JSON.parse(output.trim().split('\n').pop()!) as { slowestMs: number; answers: number };
    },
  };
}
