import 'reflect-metadata';
import { launch } from '../../api/src/launch.js';

/** Works the job queue without serving HTTP; run API processes with DURE_RUN_JOBS=false beside it. */
await launch({ http: false });
