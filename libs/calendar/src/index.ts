export * from './business-days.js';
export * from './business-calendar.service.js';
export * from './calendar.module.js';
export * from './non-business-day.entity.js';
export { Calendar1764100800000 } from './migrations/1764100800000-calendar.js';
