import { describe, expect, it } from 'vitest';
import { clientWarn, INTERNAL_REQUEST, requestContext } from './request-context.js';

describe('client warnings (ClientWarn)', () => {
  it('are kept in order, the list made on the first one', () => {
    const request = requestContext(null);
    expect(request.warnings).toBeNull();
    clientWarn(request, 'one');
    clientWarn(request, 'two');
    expect(request.warnings).toEqual(['one', 'two']);
  });

  it('are cut to what a [string] can carry, marked as truncated', () => {
    const request = requestContext(null);
    clientWarn(request, 'x'.repeat(70_000));
    const warning = request.warnings![0]!;
    expect(warning).toHaveLength(0xffff);
    expect(warning.endsWith('x [truncated]')).toBe(true);
  });

  it('are dropped for work the cluster does on its own', () => {
    clientWarn(INTERNAL_REQUEST, 'nobody hears this');
    expect(INTERNAL_REQUEST.warnings).toBeNull();
  });
});
