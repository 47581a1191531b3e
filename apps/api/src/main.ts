import 'reflect-metadata';
import { launch } from './launch.js';

await launch({ http: true });
