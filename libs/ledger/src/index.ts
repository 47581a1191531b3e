export * from './account.js';
export * from './amount.js';
export * from './journal-entry.entity.js';
export * from './journal-lines.js';
export * from './ledger.module.js';
export * from './ledger.service.js';
export * from './posting.entity.js';
export { Ledger1763900002000 } from './migrations/1763900002000-ledger.js';
export { PlatformPromotions1796508325946 } from './migrations/1796508325946-platform-promotions.js';
