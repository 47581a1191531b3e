export * from './delivery-deadlines.js';
export * from './delivery-schedule.js';
export * from './subscriptions.module.js';
