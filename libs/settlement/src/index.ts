export * from './payout-account.entity.js';
export * from './settlement-line.entity.js';
export * from './settlement-math.js';
export * from './settlement-month.js';
export * from './settlement-statement.entity.js';
export * from './settlement.module.js';
export * from './settlement.service.js';
export { Settlement1796509994674 } from './migrations/1796509994674-settlement.js';
