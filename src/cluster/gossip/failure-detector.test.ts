import { describe, expect, it } from 'vitest';
import { InvariantError, VirtualClock } from '../../common/index.js';
import { FailureDetector } from './failure-detector.js';

const PEER = 2;

/** A detector that heard PEER every second for `seconds` seconds (seconds + 1 heartbeats, starting now). */
function steadyHeartbeats(seconds: number, phiConvictThreshold?: number) {
  const clock = new VirtualClock();
  const detector = new FailureDetector({ clock, phiConvictThreshold });
  detector.report(PEER);
  for (let i = 0; i < seconds; i++) {
    clock.advance(1000);
    detector.report(PEER);
  }
  return { clock, detector };
}

/** Whole seconds of silence until the detector convicts PEER, checked once a second as gossip does. */
function secondsUntilConviction(clock: VirtualClock, detector: FailureDetector): number {
  for (let second = 1; second <= 120; second++) {
    clock.advance(1000);
    if (!detector.isAlive(PEER)) return second;
  }
  throw new Error('never convicted');
}

describe('FailureDetector', () => {
  it('knows nothing alive it never heard from', () => {
    const detector = new FailureDetector({ clock: new VirtualClock() });
    expect(detector.phi(PEER)).toBe(Infinity);
    expect(detector.isAlive(PEER)).toBe(false);
  });

  it('grows phi linearly with silence, in mean intervals scaled by log10(e)', () => {
    const { clock, detector } = steadyHeartbeats(60);
    expect(detector.phi(PEER)).toBe(0);
    // Intervals: the 2000 ms seed, then 60 of 1000 ms.
    const meanMs = (2000 + 60 * 1000) / 61;
    clock.advance(10_000);
    expect(detector.phi(PEER)).toBeCloseTo((10_000 / meanMs) * Math.LOG10E, 10);
    clock.advance(10_000);
    expect(detector.phi(PEER)).toBeCloseTo((20_000 / meanMs) * Math.LOG10E, 10);
  });

  it('convicts after 8·ln(10) ≈ 18.4 mean intervals of silence: 19 s with 1 s heartbeats', () => {
    const { clock, detector } = steadyHeartbeats(60);
    // Silence allowed: 8 · ln 10 · 1016.4 ms ≈ 18.72 s.
    const allowedMs = 8 * Math.LN10 * ((2000 + 60 * 1000) / 61);
    expect(allowedMs).toBeCloseTo(18_722.7, 1);
    clock.advance(18_722);
    expect(detector.isAlive(PEER)).toBe(true);
    clock.advance(1);
    expect(detector.isAlive(PEER)).toBe(false);
    // Judged once a second, as the gossiper does, conviction comes 19 s after the last heartbeat.
    const judged = steadyHeartbeats(60);
    expect(secondsUntilConviction(judged.clock, judged.detector)).toBe(19);
    // Once the 1000-sample window holds only 1 s intervals the mean is exactly 1 s: 18.42 s allowed.
    const settled = steadyHeartbeats(1500);
    settled.clock.advance(18_420);
    expect(settled.detector.isAlive(PEER)).toBe(true);
    settled.clock.advance(1);
    expect(settled.detector.isAlive(PEER)).toBe(false);
  });

  it('gives an endpoint heard once twice as long: its only interval is the 2 s seed', () => {
    const { clock, detector } = steadyHeartbeats(0);
    expect(secondsUntilConviction(clock, detector)).toBe(37);
  });

  it('scales the allowed silence with the threshold', () => {
    const { clock, detector } = steadyHeartbeats(60, 4);
    expect(secondsUntilConviction(clock, detector)).toBe(10);
  });

  it('recovers on the next heartbeat without learning the long silence as normal', () => {
    const { clock, detector } = steadyHeartbeats(60);
    clock.advance(30_000);
    expect(detector.isAlive(PEER)).toBe(false);
    detector.report(PEER);
    expect(detector.isAlive(PEER)).toBe(true);
    // The 30 s interval exceeds the 2 s cap and is not recorded: conviction takes 19 s again.
    expect(secondsUntilConviction(clock, detector)).toBe(19);
  });

  it('forgets an endpoint', () => {
    const { detector } = steadyHeartbeats(5);
    detector.forget(PEER);
    expect(detector.phi(PEER)).toBe(Infinity);
  });

  it('refuses a threshold that is not positive', () => {
    expect(() => new FailureDetector({ clock: new VirtualClock(), phiConvictThreshold: 0 })).toThrow(InvariantError);
  });
});
