import { concurrencyLimit, hashPassword, verifyPassword } from './password-hasher.js';

describe('concurrencyLimit', () => {
  it('runs at most its limit of tasks at once, the rest in the order they came, and passes on results and failures', async () => {
    const limited = concurrencyLimit(2);
    let running = 0;
    let mostAtOnce = 0;
    const started: number[] = [];
    const task = (id: number) => async () => {
      started.push(id);
      mostAtOnce = Math.max(mostAtOnce, ++running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      if (id === 3) throw new Error('task 3 failed');
      return id;
    };
    const results = await Promise.allSettled([1, 2, 3, 4, 5, 6].map((id) => limited(task(id))));
    expect(mostAtOnce).toBe(2);
    expect(started).toEqual([1, 2, 3, 4, 5, 6]);
    expect(results.map((result) => (result.status === 'fulfilled' ? result.value : (result.reason as Error).message))).toEqual([
      1,
      2,
      'task 3 failed',
      4,
      5,
      6,
    ]);
    expect(running).toBe(0);
  });
});

describe('password hashing', () => {
  it('verifies each of many passwords hashed at once, and refuses a wrong one', async () => {
    const passwords = ['first password', 'second password', 'third password', 'fourth password', 'fifth password'];
    const hashes = await Promise.all(passwords.map(hashPassword));
    expect(await Promise.all(passwords.map((password, i) => verifyPassword(password, hashes[i])))).toEqual([true, true, true, true, true]);
    expect(await verifyPassword('second password', hashes[0])).toBe(false);
  });
});
