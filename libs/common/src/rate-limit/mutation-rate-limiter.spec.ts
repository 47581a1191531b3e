import fc from 'fast-check';
import { secondsUntilRoom, type WindowCounts } from './mutation-rate-limiter.js';

const WINDOW_MS = 60_000;

/** The counts `waitMs` later when nothing else is sent: the windows move on under them. */
function later({ previous, current, remainingMs }: WindowCounts, waitMs: number): WindowCounts {
  if (waitMs < remainingMs) return { previous, current, remainingMs: remainingMs - waitMs };
  if (waitMs < remainingMs + WINDOW_MS) return { previous: current, current: 0, remainingMs: remainingMs + WINDOW_MS - waitMs };
  return { previous: 0, current: 0, remainingMs: WINDOW_MS };
}

/** The admitting statement's condition. */
function hasRoom({ previous, current, remainingMs }: WindowCounts, mutations: number, limit: number): boolean {
  return previous * remainingMs + (current + mutations) * WINDOW_MS <= limit * WINDOW_MS;
}

describe('secondsUntilRoom', () => {
  it('is the first whole second at which the refused mutations fit', () => {
    const refused = fc
      .record({
        limit: fc.integer({ min: 1, max: 200 }),
        previous: fc.integer({ min: 0, max: 400 }),
        current: fc.integer({ min: 0, max: 200 }),
        remainingMs: fc.integer({ min: 1, max: WINDOW_MS }),
        mutations: fc.integer({ min: 1, max: 200 }),
      })
      .filter(({ limit, mutations, current, ...rest }) => mutations <= limit && current <= limit && !hasRoom({ current, ...rest }, mutations, limit));
    fc.assert(
      fc.property(refused, ({ limit, mutations, ...counts }) => {
        const seconds = secondsUntilRoom(counts, mutations, limit);
        expect(hasRoom(later(counts, seconds * 1000), mutations, limit)).toBe(true);
        if (seconds > 1) expect(hasRoom(later(counts, (seconds - 1) * 1000), mutations, limit)).toBe(false);
      }),
    );
  });

  it('after a burst of the whole limit at the start of a window: the next one fits as the burst fades in the next window', () => {
    // 10 at 10 s into a window; one more fits once 10 × overlap ≤ 9, 6 s into the next window: 56 s later.
    expect(secondsUntilRoom({ previous: 0, current: 10, remainingMs: 50_000 }, 1, 10)).toBe(56);
  });
});
