import { afterEach, describe, expect, it, vi } from 'vitest';
import { cachedFor } from './ttl-cache.ts';

describe('cachedFor', () => {
  afterEach(() => vi.useRealTimers());

  it('loads once within the time to live and again after it', async () => {
    vi.useFakeTimers();
    let loads = 0;
    const get = cachedFor(1000, async () => ++loads);
    expect(await get()).toBe(1);
    expect(await get()).toBe(1);
    vi.advanceTimersByTime(1001);
    expect(await get()).toBe(2);
  });

  it('does not keep a failed load', async () => {
    let calls = 0;
    const get = cachedFor(60_000, async () => {
      calls++;
      if (calls === 1) throw new Error('database down');
      return 'ok';
    });
    await expect(get()).rejects.toThrow('database down');
    expect(await get()).toBe('ok');
  });
});
