/**
 * This process's own child processes, read from Linux's /proc: the specs kill the renderer's
 * browser with it, and never touch a process they did not start.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** Pids of this process's direct children whose executable path contains `exeContains`. */
export function ownChildren(exeContains: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = /^PPid:\s*(\d+)$/m.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1];
      if (Number(ppid) === process.pid && readlinkSync(`/proc/${entry}/exe`).includes(exeContains)) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}
