// Prints the resident memory of process <pid> every second as {"ms":..,"mib":..}, from a process of its own so
// that the samples stay on time while the load keeps the bench's own event loop busy. Stops with SIGTERM or when
// the process is gone.
import { readFileSync } from 'node:fs';

const pid = Number(process.argv[2]);
const start = Date.now();
const sample = () => {
  let status;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    process.exit(0);
  }
  const kib = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (kib) console.log(JSON.stringify({ ms: Date.now() - start, mib: Number(kib[1]) / 1024 }));
};
sample();
setInterval(sample, 1000);
process.on('SIGTERM', () => process.exit(0));
