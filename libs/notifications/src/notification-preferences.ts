import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { BadUserInputError, RequestContext, TransactionalConnection } from '../../common/src/index.js';
import type { SetNotificationPreferenceInput } from './dto/notification.inputs.js';
import { NotificationChannel, NotificationKind, OPTIONAL_CHANNELS } from './notification-kind.js';
import { NotificationPreference } from './notification-preference.entity.js';

/** Recipients' choices of the optional channels per kind; everything is on until turned off. */
@Injectable()
export class NotificationPreferences {
  constructor(private readonly connection: TransactionalConnection) {}

  /** Every kind × optional channel for the caller, with its setting. */
  async mine(ctx: RequestContext): Promise<NotificationPreference[]> {
    const userId = ctx.requireUser().id;
    const saved = await this.connection.getRepository(ctx, NotificationPreference).findBy({ userId });
    const enabled = (kind: NotificationKind, channel: NotificationChannel) =>
      saved.find((row) => row.kind === kind && row.channel === channel)?.enabled ?? true;
    return Object.values(NotificationKind).flatMap((kind) => OPTIONAL_CHANNELS.map((channel) => ({ userId, kind, channel, enabled: enabled(kind, channel) })));
  }

  /** In-app notices cannot be turned off (BAD_USER_INPUT on `channel`). */
  async set(ctx: RequestContext, input: SetNotificationPreferenceInput): Promise<NotificationPreference> {
    const userId = ctx.requireUser().id;
    if (!OPTIONAL_CHANNELS.includes(input.channel)) throw BadUserInputError.field('channel', 'in-app notifications cannot be turned off');
    const row = { userId, kind: input.kind, channel: input.channel, enabled: input.enabled };
    await this.connection.getRepository(ctx, NotificationPreference).upsert(row, ['userId', 'kind', 'channel']);
    return row;
  }

  /** The optional channels each of `userIds` turned off for `kind`, in one statement. */
  async disabledChannelsOf(ctx: RequestContext, userIds: readonly string[], kind: NotificationKind): Promise<Map<string, Set<NotificationChannel>>> {
    const off = await this.connection.getRepository(ctx, NotificationPreference).findBy({ userId: In([...userIds]), kind, enabled: false });
    const byUser = new Map<string, Set<NotificationChannel>>();
    for (const row of off) byUser.set(row.userId, (byUser.get(row.userId) ?? new Set()).add(row.channel));
    return byUser;
  }
}
