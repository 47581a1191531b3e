import 'reflect-metadata';
import { startServer } from './bootstrap.js';

await startServer({ http: true });
