import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../common/index.js';
import { testTable } from '../../data/testing/fixtures.js';
import { rebuildTable } from '../../schema/index.js';
import { ConsistencyLevel } from '../../errors/index.js';
import { ClientRequestMetrics } from './client-request-metrics.js';
import { EstimatedHistogram } from './estimated-histogram.js';
import { NativeRequestCounts, SUCCESS } from './native-request-counts.js';
import { LatencyTimer } from './latency-timer.js';
import { Meter } from './meter.js';
import { TableMetricsRegistry } from './table-metrics.js';

describe('EstimatedHistogram', () => {
  it('has Cassandra bucket bounds, growing by 1.2 from 1', () => {
    const h = new EstimatedHistogram();
    const bounds = [1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 17, 20, 24, 29, 35, 42, 50, 60, 72, 86, 103, 124, 149, 179, 215];
    for (const b of bounds) {
      const one = new EstimatedHistogram();
      one.update(b);
      expect(one.max()).toBe(b);
    }
    h.update(9);
    expect(h.max()).toBe(10);
    h.update(0);
    expect(h.valueAt(0)).toBe(0);
    expect(h.valueAt(0.5)).toBe(1);
  });

  it('reads percentiles and the maximum back as bucket bounds', () => {
    const h = new EstimatedHistogram();
    for (let i = 1; i <= 100; i++) h.update(i);
    expect(h.count).toBe(100);
    expect(h.valueAt(0.5)).toBe(50);
    expect(h.valueAt(0.99)).toBe(103);
    expect(h.max()).toBe(103);
    expect(new EstimatedHistogram().max()).toBe(0);
  });
});

describe('Meter', () => {
  it('takes a tick of events as the first rate, then decays towards later ticks', () => {
    const clock = new VirtualClock(0);
    const meter = new Meter(clock);
    for (let i = 0; i < 10; i++) meter.mark(clock.nowMs());
    expect(meter.fiveMinuteRate()).toBe(0);
    clock.advance(5001);
    expect(meter.fiveMinuteRate()).toBe(2);
    clock.advance(60_000);
    expect(meter.fiveMinuteRate()).toBeCloseTo(2 * Math.exp(-12 / 60), 10);
  });
});

describe('LatencyTimer', () => {
  it('counts operations and reports their latency in milliseconds', () => {
    const clock = new VirtualClock(0);
    const timer = new LatencyTimer(clock);
    timer.record(0, 1.5);
    timer.record(10, 12);
    expect(timer.count).toBe(2);
    const snapshot = timer.snapshot();
    // 1.5 ms and 2 ms fall into the buckets ending at 1.629722 ms and 2.346799 ms.
    expect(snapshot.p50Ms).toBe(1.629722);
    expect(snapshot.maxMs).toBe(2.346799);
  });
});

describe('TableMetricsRegistry', () => {
  it('keeps a table\'s metrics across new metadata objects of the same table id', () => {
    const registry = new TableMetricsRegistry(new VirtualClock(0), { readMs: 2500, writeMs: 1000 });
    const table = testTable();
    expect(registry.recorded(table)).toBeUndefined();
    const metrics = registry.of(table);
    const altered = rebuildTable(table, {});
    expect(registry.recorded(altered)).toBe(metrics);
    expect(registry.of(altered)).toBe(metrics);
    expect(registry.of(testTable())).not.toBe(metrics);
    registry.drop(table.id);
    expect(registry.recorded(rebuildTable(table, {}))).toBeUndefined();
  });
});

describe('speculation thresholds', () => {
  it('start at half the timeouts, then follow the coordinator latencies under the table options', () => {
    const clock = new VirtualClock(0);
    const registry = new TableMetricsRegistry(clock, { readMs: 2500, writeMs: 1000 });
    const table = testTable();
    const untouched = testTable();
    const metrics = registry.of(table);
    expect(metrics.speculation.sampleReadLatencyMs).toBe(2500);
    expect(metrics.speculation.additionalWriteLatencyMs).toBe(1000);
    // No samples yet: a percentile keeps what it had.
    registry.updateSpeculationThresholds([table, untouched]);
    expect(metrics.speculation.sampleReadLatencyMs).toBe(2500);
    for (let i = 1; i <= 100; i++) metrics.coordinatorRead.record(0, i / 10);
    metrics.coordinatorWrite.record(0, 3);
    registry.updateSpeculationThresholds([table]);
    // 99p of 0.1 … 10 ms is the bucket bound above 9.9 ms; the write policy is 99p of one 3 ms write.
    expect(metrics.speculation.sampleReadLatencyMs).toBe(metrics.coordinatorRead.valueAtMs(0.99));
    expect(metrics.speculation.sampleReadLatencyMs).toBeGreaterThanOrEqual(9.9);
    expect(metrics.speculation.sampleReadLatencyMs).toBeLessThan(12);
    expect(metrics.speculation.additionalWriteLatencyMs).toBe(metrics.coordinatorWrite.valueAtMs(0.99));
    const altered = rebuildTable(table, { options: { ...table.options, speculativeRetry: '50ms', additionalWritePolicy: 'NEVER' } });
    registry.updateSpeculationThresholds([altered]);
    expect(metrics.speculation.sampleReadLatencyMs).toBe(50);
    expect(metrics.speculation.additionalWriteLatencyMs).toBe(Infinity);
    expect(metrics.speculation.policy(altered.options.speculativeRetry)).toEqual({ kind: 'FIXED', ms: 50 });
    expect(registry.recorded(untouched)).toBeUndefined();
  });
});

describe('ClientRequestMetrics and NativeRequestCounts', () => {
  it('keep latencies per operation and consistency level, and the histogram sum and counts at a bound', () => {
    const metrics = new ClientRequestMetrics();
    metrics.record('write', ConsistencyLevel.QUORUM, 10, 12);
    metrics.record('write', ConsistencyLevel.QUORUM, 10, 10.5);
    metrics.record('read', ConsistencyLevel.ONE, 0, 1);
    const byKey = new Map([...metrics.latencies()].map((l) => [`${l.operation}/${ConsistencyLevel[l.consistency]}`, l.latencyNanos]));
    expect([...byKey.keys()].sort()).toEqual(['read/ONE', 'write/QUORUM']);
    const writes = byKey.get('write/QUORUM')!;
    expect(writes.count).toBe(2);
    expect(writes.sum).toBe(2_500_000);
    expect(writes.countAtMost(1_000_000)).toBe(1);
    expect(writes.countAtMost(10_000_000)).toBe(2);
    expect(writes.countAtMost(0)).toBe(0);
  });

  it('count answered requests by opcode and outcome', () => {
    const counts = new NativeRequestCounts();
    counts.count('QUERY', SUCCESS);
    counts.count('QUERY', SUCCESS);
    counts.count('QUERY', 0x2000);
    counts.count('EXECUTE', SUCCESS);
    expect([...counts.counts()]).toEqual([
      { opcode: 'QUERY', outcome: SUCCESS, count: 2 }, { opcode: 'QUERY', outcome: 0x2000, count: 1 }, { opcode: 'EXECUTE', outcome: SUCCESS, count: 1 },
    ]);
  });
});
