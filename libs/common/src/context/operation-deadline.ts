import { LimitExceededError } from '../errors/dure-error.js';

/**
 * When a query operation's time (GRAPHQL_MAX_EXECUTION_MS) is up. Checked before each resolver of a root
 * field and each database statement, so an operation that runs too long stops at its next step and the
 * whole answer becomes one LIMIT_EXCEEDED error; a statement under way finishes first.
 */
export class OperationDeadline {
  private passed = false;

  constructor(
    private readonly budgetMs: number,
    private readonly endsAt = Date.now() + budgetMs,
  ) {}

  /** Whether a step was refused: the operation's answer is then the error alone. */
  get hasPassed(): boolean {
    return this.passed;
  }

  /** Ends the time now: every later step is refused (a job that outlived its time limit). */
  expire(): void {
    this.passed = true;
  }

  check(): void {
    if (this.passed || Date.now() > this.endsAt) {
      this.passed = true;
      throw this.error();
    }
  }

  error(): LimitExceededError {
    return new LimitExceededError(`The operation took longer than ${this.budgetMs} ms; ask for less`);
  }
}
