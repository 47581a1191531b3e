import 'reflect-metadata';
import { startServer } from '../../api/src/bootstrap.js';

/** Works the job queue without serving HTTP; run API processes with DURE_RUN_JOBS=false beside it. */
await startServer({ http: false });
