export * from './dto/priority-purchase-report.input.js';
export * from './priority-purchase-report.js';
export * from './priority-purchase-report.model.js';
export * from './priority-purchase-reports.service.js';
export * from './reports.module.js';
