import { Injectable } from '@nestjs/common';
import { BadUserInputError, RequestContext, TransactionalConnection, UnauthenticatedError } from '../../common/src/index.js';
import type { SetNotificationPreferenceInput } from './dto/notification.inputs.js';
import { NotificationChannel, NotificationKind, OPTIONAL_CHANNELS } from './notification-kind.js';
import { NotificationPreference } from './notification-preference.entity.js';

/** Recipients' choices of the optional channels per kind; everything is on until turned off. */
@Injectable()
export class NotificationPreferences {
  constructor(private readonly connection: TransactionalConnection) {}

  /** Every kind × optional channel for the caller, with its setting. */
  async mine(ctx: RequestContext): Promise<NotificationPreference[]> {
    const userId = requireUserId(ctx);
    const saved = await this.connection.getRepository(ctx, NotificationPreference).findBy({ userId });
    const enabled = (kind: NotificationKind, channel: NotificationChannel) =>
      saved.find((row) => row.kind === kind && row.channel === channel)?.enabled ?? true;
    return Object.values(NotificationKind).flatMap((kind) => OPTIONAL_CHANNELS.map((channel) => ({ userId, kind, channel, enabled: enabled(kind, channel) })));
  }

  /** In-app notices cannot be turned off (BAD_USER_INPUT on `channel`). */
  async set(ctx: RequestContext, input: SetNotificationPreferenceInput): Promise<NotificationPreference> {
    const userId = requireUserId(ctx);
    if (!OPTIONAL_CHANNELS.includes(input.channel)) throw BadUserInputError.field('channel', 'in-app notifications cannot be turned off');
    const row = { userId, kind: input.kind, channel: input.channel, enabled: input.enabled };
    await this.connection.getRepository(ctx, NotificationPreference).upsert(row, ['userId', 'kind', 'channel']);
    return row;
  }

  /** The optional channels `userId` turned off for `kind`. */
  async disabledChannels(ctx: RequestContext, userId: string, kind: NotificationKind): Promise<Set<NotificationChannel>> {
    const off = await this.connection.getRepository(ctx, NotificationPreference).findBy({ userId, kind, enabled: false });
    return new Set(off.map((row) => row.channel));
  }
}

export function requireUserId(ctx: RequestContext): string {
  if (!ctx.user) throw new UnauthenticatedError();
  return ctx.user.id;
}
