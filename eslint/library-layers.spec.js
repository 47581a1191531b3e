import { RuleTester } from 'eslint';
import { resolve } from 'node:path';
import { libraryLayers } from './library-layers.js';

const file = (path) => resolve(import.meta.dirname, '..', path);
const tester = new RuleTester({ languageOptions: { ecmaVersion: 2024, sourceType: 'module' } });

tester.run('library-layers', libraryLayers, {
  valid: [
    { filename: file('libs/booking/src/reservation.service.ts'), code: "import { Listing } from '../../catalog/src/index.js';" },
    { filename: file('libs/booking/src/reservation.service.ts'), code: "import { Seat } from './seat.js';" },
    { filename: file('libs/booking/src/dto/inputs.ts'), code: "import { Money } from '../../../common/src/index.js';" },
    { filename: file('apps/api/src/app.module.ts'), code: "import { BookingModule } from '../../../libs/booking/src/index.js';" },
    { filename: file('libs/catalog/src/listing.ts'), code: "import { z } from 'luxon';" },
  ],
  invalid: [
    {
      filename: file('libs/catalog/src/listing.service.ts'),
      code: "import { Reservation } from '../../booking/src/index.js';",
      errors: [{ messageId: 'upward' }],
    },
    {
      filename: file('libs/identity/src/user.ts'),
      code: "export * from '../../ledger/src/index.js';",
      errors: [{ messageId: 'upward' }],
    },
    {
      filename: file('libs/booking/src/reservation.service.ts'),
      code: "import { transition } from '../../catalog/src/listing-transitions.js';",
      errors: [{ messageId: 'deep' }],
    },
    {
      filename: file('apps/api/src/app.module.ts'),
      code: "import { ReservationActions } from '../../../libs/booking/src/reservation-actions.service.js';",
      errors: [{ messageId: 'deep' }],
    },
    {
      filename: file('libs/newlib/src/x.ts'),
      code: "import { a } from '../../common/src/index.js';",
      errors: [{ messageId: 'unknownLibrary' }],
    },
  ],
});
