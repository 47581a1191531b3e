// Plain JavaScript run as a child process by tests (it loads the compiled server, built by the test
// setup): a job-working process whose `test.stuck` job never finishes, so a test can kill it mid-job.
// It prints "running <job id>" once the job has started.
import 'reflect-metadata';
import { resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';

const { AppModule } = await import(resolve('dist/apps/api/src/app.module.js'));
const { JobQueueService, loadConfig } = await import(resolve('dist/libs/common/src/index.js'));

// Jobs are worked by the explicit runDue below, not by polling.
const config = loadConfig({ ...process.env, DURE_RUN_JOBS: 'false' });
const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config, databaseUrl: config.databaseUrl }), { logger: false });
const queue = app.get(JobQueueService);
queue.register('test.stuck', async (ctx) => {
  process.stdout.write(`running ${ctx.requestId}\n`);
  await new Promise(() => undefined);
});
await queue.runDue();
