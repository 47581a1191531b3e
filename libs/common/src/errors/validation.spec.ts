import type { ValidationError } from 'class-validator';
import { fieldErrorsOf, withoutPropertyName } from './validation.js';

describe('fieldErrorsOf', () => {
  it('names list items by index and leaves the property out of default messages', () => {
    const errors = [
      { property: 'price', constraints: { min: 'price must not be less than 1' } },
      { property: 'weeklyHours', children: [{ property: '1', children: [{ property: 'opensAt', constraints: { matches: 'must be HH:MM' } }] }] },
    ] as ValidationError[];
    expect(fieldErrorsOf(errors)).toEqual([
      { field: 'price', message: 'must not be less than 1' },
      { field: 'weeklyHours[1].opensAt', message: 'must be HH:MM' },
    ]);
  });
});

describe('withoutPropertyName', () => {
  it.each([
    ['price must not be less than 1', 'must not be less than 1'],
    ['each value in tags must be a string', 'each value must be a string'],
    ['must not be blank', 'must not be blank'],
    ['priceless must be true', 'priceless must be true'],
  ])('%p → %p', (message, expected) => {
    expect(withoutPropertyName(message, message.startsWith('each') ? 'tags' : 'price')).toBe(expected);
  });
});
