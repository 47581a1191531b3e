import { RequestContext } from '../../common/src/index.js';
import { SubscriberPlaces } from './subscriber-places.js';

describe('SubscriberPlaces: remainingSubscriptions (docs/RULES.md §20)', () => {
  it('is null without a limit, and the whole limit while no subscriptions library counts', async () => {
    const places = new SubscriberPlaces();
    expect(await places.remaining(RequestContext.system(), 'a', null)).toBeNull();
    expect(await places.remaining(RequestContext.system(), 'a', 30)).toBe(30);
  });

  it('subtracts the registered live counts, asking once per request for every listing, never below 0', async () => {
    const places = new SubscriberPlaces();
    const asked: (readonly string[])[] = [];
    const live: Record<string, number> = { a: 4, b: 12 };
    places.registerCounts({
      liveSubscriptions: (_ctx, ids) => {
        asked.push(ids);
        return Promise.resolve(ids.map((id) => live[id] ?? 0));
      },
    });
    const ctx = RequestContext.system();
    expect(await Promise.all([places.remaining(ctx, 'a', 10), places.remaining(ctx, 'b', 10), places.remaining(ctx, 'c', 5)])).toEqual([6, 0, 5]);
    expect(asked).toEqual([['a', 'b', 'c']]);
    expect(() => places.registerCounts({ liveSubscriptions: () => Promise.resolve([]) })).toThrow('registered already');
  });
});
