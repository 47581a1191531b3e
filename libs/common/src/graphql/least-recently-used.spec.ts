import { LeastRecentlyUsed } from './least-recently-used.js';

describe('LeastRecentlyUsed', () => {
  it('drops the least recently used entries past its budget, reading counting as use', () => {
    const kept = new LeastRecentlyUsed<string, number>(3);
    kept.set('a', 1);
    kept.set('b', 2);
    kept.set('c', 3);
    expect(kept.get('a')).toBe(1);
    kept.set('d', 4);
    expect([kept.has('a'), kept.has('b'), kept.has('c'), kept.has('d')]).toEqual([true, false, true, true]);
    expect(kept.size).toBe(3);
  });

  it('weighs entries, keeps the one just set even when it alone is over the budget, and replaces a key in place', () => {
    const kept = new LeastRecentlyUsed<string, string | undefined>(10);
    kept.set('small', undefined, 2);
    kept.set('medium', 'm', 5);
    expect(kept.weight).toBe(7);
    kept.set('medium', 'm2', 6);
    expect([kept.weight, kept.get('medium')]).toEqual([8, 'm2']);
    kept.set('large', 'l', 12);
    expect([kept.has('small'), kept.has('medium'), kept.has('large'), kept.weight]).toEqual([false, false, true, 12]);
    kept.set('tiny', 't', 1);
    expect([kept.has('large'), kept.has('tiny'), kept.weight]).toEqual([false, true, 1]);
  });
});
