import { describe, expect, it } from 'vitest';
import { isTimeZone, offsetMinutes, strftime, strptime } from './strftime.js';

describe('strftime and strptime as Python has them', () => {
  it('formats in a zone, with its offset at that instant', () => {
    const ms = Date.UTC(2024, 2, 31, 0, 30);
    expect(strftime('%Y-%m-%d %H:%M:%S%z', ms, 'Europe/Paris')).toBe('2024-03-31 01:30:00+0100');
    expect(strftime('%Y-%m-%d %H:%M:%S%z', ms + 3_600_000, 'Europe/Paris')).toBe('2024-03-31 03:30:00+0200');
    expect(strftime('%H:%M:%S.%f', Date.UTC(2024, 0, 1, 0, 0, 0, 7), null, 5)).toBe('00:00:00.007005');
    expect(strftime('%Y', Date.UTC(10000, 0, 1), null)).toBeNull();
    expect(offsetMinutes('Asia/Kolkata', 0)).toBe(330);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });

  it('parses the numeric directives and %z; null when the text does not fit', () => {
    expect(strptime('2024-01-02 03:04:05.678+0100', '%Y-%m-%d %H:%M:%S.%f%z')).toBe(Date.UTC(2024, 0, 2, 2, 4, 5, 678));
    expect(strptime('02/01/2024 03:04', '%d/%m/%Y %H:%M')).toBe(Date.UTC(2024, 0, 2, 3, 4));
    expect(strptime('2024-02-30 00:00', '%Y-%m-%d %H:%M')).toBeNull();
    expect(strptime('yesterday', '%Y-%m-%d')).toBeNull();
  });
});
