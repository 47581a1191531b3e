import { InvalidStateError } from '../../common/src/index.js';
import { LISTING_STATES } from './listing-transitions.js';
import { ListingStatus } from './listing-enums.js';

const { DRAFT, PUBLISHED, HIDDEN, ARCHIVED } = ListingStatus;

describe('listing transitions', () => {
  it.each([
    [DRAFT, PUBLISHED],
    [DRAFT, ARCHIVED],
    [PUBLISHED, HIDDEN],
    [HIDDEN, PUBLISHED],
    [HIDDEN, ARCHIVED],
  ])('allow %s → %s', (from, to) => expect(LISTING_STATES.can(from, to)).toBe(true));

  it.each([
    [DRAFT, HIDDEN],
    [PUBLISHED, ARCHIVED],
    [PUBLISHED, DRAFT],
    [HIDDEN, DRAFT],
    [ARCHIVED, PUBLISHED],
    [ARCHIVED, HIDDEN],
    [ARCHIVED, DRAFT],
  ])('refuse %s → %s with INVALID_STATE', (from, to) => expect(() => LISTING_STATES.assert(from, to)).toThrow(InvalidStateError));
});
