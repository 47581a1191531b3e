import { Injectable } from '@nestjs/common';
import { DureConfig } from '../config/dure-config.js';
import { ForbiddenError } from '../errors/dure-error.js';
import { seoulDateOf } from './seoul-calendar.js';

/**
 * The only source of "now" for domain code (docs/RULES.md §13). With DURE_TEST_CLOCK=1 it can be moved
 * forward; it keeps running from there, so time still passes between requests.
 */
@Injectable()
export class ClockService {
  private offsetMs = 0;

  constructor(private readonly config: DureConfig) {}

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Today in Seoul (YYYY-MM-DD), the day calendar rules count in (docs/RULES.md §14). */
  today(): string {
    return seoulDateOf(this.now());
  }

  /**
   * Real elapsed time, for security lifetimes (access and refresh tokens, log-in throttling): a session
   * must not expire because a test moved the business clock a month ahead.
   */
  wallClock(): Date {
    return new Date();
  }

  get isTestClock(): boolean {
    return this.config.testClock;
  }

  assertTestClockEnabled(): void {
    if (!this.config.testClock) throw new ForbiddenError('The test clock is not enabled on this server');
  }

  /** Moves the clock to `to`; never backwards. */
  moveTo(to: Date): Date {
    this.assertTestClockEnabled();
    const target = to.getTime() - Date.now();
    if (target > this.offsetMs) this.offsetMs = target;
    return this.now();
  }
}
