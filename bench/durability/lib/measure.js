// Small helpers of the durability scenarios: sizes from the environment, percentiles, memory readings.
import { readFileSync } from 'node:fs';

/** A positive whole number from the environment (sizes of a scenario), or `fallback`. */
export function envInt(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replaceAll('_', ''));
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number, not ${raw}`);
  return value;
}

/** The q-quantile (0..1) of latencies, which it sorts in place. */
export function percentile(latencies, q) {
  latencies.sort();
  return latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
}

export const micros = (ms) => Math.round(ms * 1000);
export const MIB = 1024 * 1024;
export const mib = (bytes) => (bytes / MIB).toFixed(1);

/** Resident set size of a process (VmRSS), in bytes; null once it is gone. */
export function rssBytes(pid) {
  try {
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? null : Number(kb) * 1024;
  } catch {
    return null;
  }
}
