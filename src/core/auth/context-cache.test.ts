import { describe, expect, it } from 'vitest';
import type { Actor } from '../permissions/permissions.ts';
import { ContextCache, type RememberedContext } from './context-cache.ts';

const context = (name: string): RememberedContext => ({ userId: name, data: {}, actor: { userId: name } as Actor, fingerprint: `fp-${name}` });

describe('ContextCache', () => {
  it('forgets the oldest entry past its size, and a refreshed entry counts as new', () => {
    const cache = new ContextCache(2, 60_000);
    cache.put('a', context('a'), 0);
    cache.put('b', context('b'), 1);
    cache.put('a', context('a2'), 2);
    cache.put('c', context('c'), 3);
    expect(cache.get('b', 4)).toBeNull();
    expect(cache.get('a', 4)?.fingerprint).toBe('fp-a2');
    expect(cache.get('c', 4)?.fingerprint).toBe('fp-c');
  });

  it('forgets an entry once it is older than its time to live, or when told', () => {
    const cache = new ContextCache(10, 1_000);
    cache.put('a', context('a'), 0);
    cache.put('b', context('b'), 0);
    expect(cache.get('a', 999)?.userId).toBe('a');
    expect(cache.get('a', 1_000)).toBeNull();
    cache.forget('b');
    expect(cache.get('b', 1)).toBeNull();
  });
});
