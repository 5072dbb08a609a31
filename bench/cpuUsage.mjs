// Who used this machine's CPUs during a measurement: this bench's own
// process tree (node, Chromium, the servers it started) or anything else.
// On a shared machine another job's burst makes one load slow; a round
// that overlapped one can be told and left out.
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU ms of every live process of our tree, by pid, and the machine's busy ms. */
function sample() {
  const stat = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = readFileSync(`/proc/${entry}/stat`, 'utf-8');
      // The command may hold spaces and parentheses: fields follow the last ')'.
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      stat.set(Number(entry), {
        name: text.slice(text.indexOf('(') + 1, text.lastIndexOf(')')),
        ppid: Number(fields[1]),
        ms: (Number(fields[11]) + Number(fields[12])) * TICK_MS
      });
    } catch {
      // gone meanwhile
    }
  }
  const ours = new Map();
  const inTree = pid => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; p = stat.get(p)?.ppid ?? 0, hops++) {
      if (p === process.pid) return true;
    }
    return false;
  };
  const others = new Map();
  for (const [pid, { ms, name }] of stat) {
    if (inTree(pid)) ours.set(pid, ms);
    else others.set(pid, { ms, name });
  }
  const cpu = readFileSync('/proc/stat', 'utf-8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal
  const busy = (cpu[0] + cpu[1] + cpu[2] + cpu[5] + cpu[6] + cpu[7]) * TICK_MS;
  return { at: Date.now(), ours, others, busy };
}

/** Starts a window; `end()` says how much CPU (ms) we and others used in it. */
export function cpuWindow() {
  const start = sample();
  return {
    end() {
      const stop = sample();
      let ours = 0;
      for (const [pid, ms] of stop.ours) ours += ms - (start.ours.get(pid) ?? 0);
      const busy = stop.busy - start.busy;
      // The busiest of the others, by name, to say what disturbed.
      const byName = new Map();
      for (const [pid, { ms, name }] of stop.others) {
        const used = ms - (start.others.get(pid)?.ms ?? 0);
        if (used > 0) byName.set(name, (byName.get(name) ?? 0) + used);
      }
      const top = [...byName].sort((a, b) => b[1] - a[1]).slice(0, 3);
      return { ms: stop.at - start.at, ours, others: Math.max(0, busy - ours), top };
    }
  };
}
