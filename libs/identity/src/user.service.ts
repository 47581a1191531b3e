import { Injectable } from '@nestjs/common';
import {
  ClockService,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RequestContext,
  TransactionalConnection,
  UnauthenticatedError,
  isUniqueViolation,
  isUuid,
  normalizeEmail,
} from '../../common/src/index.js';
import type { SignUpInput } from './dto/auth.inputs.js';
import { hashPassword, verifyPassword } from './password-hasher.js';
import { User } from './user.entity.js';

/** Whether the caller may read `userId`'s email and phone for a reason another library knows of. */
export type ContactReadingGrant = (ctx: RequestContext, userId: string) => Promise<boolean>;

@Injectable()
export class UserService {
  private readonly contactGrants: ContactReadingGrant[] = [];

  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
  ) {}

  async create(ctx: RequestContext, input: SignUpInput): Promise<User> {
    const repo = this.connection.getRepository(ctx, User);
    try {
      return await repo.save(
        repo.create({
          email: input.email.trim(),
          passwordHash: await hashPassword(input.password),
          name: input.name.trim(),
          phone: input.phone?.trim() || null,
          isOperator: false,
          createdAt: this.clock.now(),
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('An account with this email already exists');
      throw error;
    }
  }

  findByEmail(ctx: RequestContext, email: string): Promise<User | null> {
    return this.connection.getRepository(ctx, User).findOneBy({ email: normalizeEmail(email) });
  }

  /** Batched by DataLoader: one query for all users a response mentions. */
  load(ctx: RequestContext, id: string): Promise<User | null> {
    return this.connection.loadOne(ctx, User, 'id', id, (u) => u.id);
  }

  /** The operators' accounts: who hears of what needs the platform's hand (a handful; read when it happens). */
  async operatorIds(ctx: RequestContext): Promise<string[]> {
    const operators = await this.connection.getRepository(ctx, User).find({ select: { id: true }, where: { isOperator: true } });
    return operators.map((operator) => operator.id);
  }

  async getById(ctx: RequestContext, id: string): Promise<User> {
    const user = isUuid(id) ? await this.load(ctx, id) : null;
    if (!user) throw new NotFoundError('User', id);
    return user;
  }

  async me(ctx: RequestContext): Promise<User> {
    const user = ctx.user ? await this.load(ctx, ctx.user.id) : null;
    if (!user) throw new UnauthenticatedError();
    return user;
  }

  /** Private fields (email, phone, memberships) are for the user themself and operators. */
  assertMayReadPrivate(ctx: RequestContext, user: User, field: string): void {
    if (ctx.user?.id === user.id || ctx.isOperator) return;
    throw new ForbiddenError(`Only the user and operators may see ${field}`);
  }

  /**
   * Other libraries name who else may read a user's email and phone (docs/RULES.md §11, §25: the members of a
   * partner agency, of the users who consulted, booked or bought from it).
   */
  grantContactReading(grant: ContactReadingGrant): void {
    this.contactGrants.push(grant);
  }

  /** Email and phone: the user, operators, and whoever a registered grant admits. */
  async assertMayReadContact(ctx: RequestContext, user: User, field: string): Promise<void> {
    if (ctx.user?.id === user.id || ctx.isOperator) return;
    for (const grant of this.contactGrants) if (ctx.user && (await grant(ctx, user.id))) return;
    throw new ForbiddenError(`Only the user, operators and partner agencies the user has consulted, booked or bought from may see ${field}`);
  }

  /**
   * Makes the account an operator, creating it when missing and setting the given password
   * (idempotent: start-up with DURE_OPERATOR_EMAIL and the CLI both call it).
   */
  async ensureOperator(ctx: RequestContext, email: string, password: string, name = 'Dure operator'): Promise<User> {
    const repo = this.connection.getRepository(ctx, User);
    const existing = await this.findByEmail(ctx, email);
    if (!existing) {
      return repo.save(repo.create({ email, passwordHash: await hashPassword(password), name, phone: null, isOperator: true, createdAt: this.clock.now() }));
    }
    existing.isOperator = true;
    if (!(await verifyPassword(password, existing.passwordHash))) existing.passwordHash = await hashPassword(password);
    return repo.save(existing);
  }
}
