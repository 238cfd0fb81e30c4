/**
 * CPU time spent by the system under test, for the benches' "cost per transition": this Node
 * process (the API or the engine, and embedded PGlite, which runs in it) plus, on a server
 * database, every PostgreSQL process (read from /proc). A load client in another process is not
 * counted: on a real deployment it is somebody else's machine, while here it shares the 2 cores
 * and would otherwise be billed to HTTP.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** CPU milliseconds used so far by all PostgreSQL server processes (0 where /proc is missing). */
function postgresCpuMs(): number {
  let ticks = 0;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return 0;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      if (!stat.slice(stat.indexOf('(') + 1, close).startsWith('postgres')) continue;
      // Fields after the command: state is field 3, utime 14 and stime 15 (1-based).
      const fields = stat.slice(close + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended between listing and reading: its time is gone with it.
    }
  }
  return (ticks * 1000) / clockTicks();
}

export interface CpuMark {
  self: NodeJS.CpuUsage;
  postgresMs: number;
}

export function cpuMark(withServer: boolean): CpuMark {
  return { self: process.cpuUsage(), postgresMs: withServer ? postgresCpuMs() : 0 };
}

/** CPU milliseconds between two marks: this process, and the PostgreSQL server's. */
export function cpuSince(start: CpuMark, withServer: boolean): { selfMs: number; postgresMs: number } {
  const self = process.cpuUsage(start.self);
  return { selfMs: (self.user + self.system) / 1000, postgresMs: withServer ? postgresCpuMs() - start.postgresMs : 0 };
}
