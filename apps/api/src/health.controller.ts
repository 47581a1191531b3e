import { Controller, Get, HttpException, HttpStatus } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Public } from '../../../libs/common/src/index.js';
import { Readiness } from './readiness.js';

@Controller()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly readiness: Readiness,
  ) {}

  /** The process is up. */
  @Public()
  @Get('health')
  health() {
    return { status: 'ok' };
  }

  /** The process can serve: it is not shutting down, the database answers and every migration is applied. */
  @Public()
  @Get('ready')
  async ready() {
    try {
      if (this.readiness.draining) throw new Error('shutting down');
      await this.dataSource.query('SELECT 1');
      if (await this.dataSource.showMigrations()) throw new Error('pending migrations');
    } catch (error) {
      throw new HttpException({ status: 'unavailable', reason: error instanceof Error ? error.message : 'unknown' }, HttpStatus.SERVICE_UNAVAILABLE);
    }
    return { status: 'ready' };
  }
}
