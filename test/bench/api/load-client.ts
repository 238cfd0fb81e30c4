/**
 * The bench's side of the HTTP load client (http-load.ts): one client process per way, warm for
 * all its batches, with the server side's CPU time marked around exactly each batch.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { cpuMark, cpuSince } from '../cpu-cost';

export interface LoadClientOptions {
  url: string;
  token: string;
  /** Case ids, used round-robin: POST <prefix>/<id>/events. */
  cases: string[];
  /** Concurrent keep-alive connections. */
  clients: number;
  /** The request body of every request. */
  body: string;
  prefix: string;
  /** Untimed requests before the first batch. */
  warmUp: number;
  /** Whether the PostgreSQL server's processes count towards the cost. */
  withServer: boolean;
}

export interface HttpBatch {
  ok: number;
  failed: number;
  seconds: number;
  p50: number;
  p99: number;
  /** CPU milliseconds of the server side (this process and PostgreSQL) over the timed requests. */
  cpuMs: number;
  pgMs: number;
}

/** The load client of one way, in its own process (http-load.ts), warm and waiting for batches. */
export class LoadClient {
  private out = '';
  private waiting: ((line: string) => void) | undefined;
  private readonly exited: Promise<number | null>;

  private constructor(
    private readonly child: ChildProcessByStdio<Writable, Readable, null>,
    private readonly withServer: boolean,
  ) {
    child.stdout.on('data', (chunk: Buffer) => {
      this.out += chunk.toString('utf8');
      let end: number;
      while ((end = this.out.indexOf('\n')) !== -1) {
        const line = this.out.slice(0, end);
        this.out = this.out.slice(end + 1);
        this.waiting?.(line);
      }
    });
    this.exited = new Promise((resolve) => child.once('exit', resolve));
  }

  /** Starts the client and returns once its warm-up (`warmUp` requests) is done. */
  static async start(options: LoadClientOptions): Promise<LoadClient> {
    const { url, token, cases, clients, body, prefix, warmUp, withServer } = options;
    const input = JSON.stringify({ url, token, cases, connections: clients, body, prefix, warmUp });
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'http-load.ts'), input], { cwd: join(__dirname, '../../..'), stdio: ['pipe', 'pipe', 'inherit'] });
    const client = new LoadClient(child, withServer);
    const line = await client.nextLine();
    if (line !== 'warm') throw new Error(`the HTTP client did not warm up: ${line}`);
    return client;
  }

  /** `amount` timed requests, with the server side's CPU time around exactly them. */
  async batch(amount: number): Promise<HttpBatch> {
    const cpu = cpuMark(this.withServer);
    this.child.stdin.write(`${amount}\n`);
    const line = await this.nextLine();
    const used = cpuSince(cpu, this.withServer);
    const result = { ...(JSON.parse(line) as Omit<HttpBatch, 'cpuMs' | 'pgMs'>), cpuMs: used.selfMs + used.postgresMs, pgMs: used.postgresMs };
    if (result.failed > 0) throw new Error(`HTTP batch: ${result.failed} requests failed`);
    return result;
  }

  async close(): Promise<void> {
    this.child.stdin.end();
    await this.exited;
  }

  private nextLine(): Promise<string> {
    return new Promise((resolve, reject) => {
      this.waiting = (line) => {
        this.waiting = undefined;
        resolve(line);
      };
      void this.exited.then((code) => reject(new Error(`the HTTP client exited with ${code}`)));
    });
  }
}

