import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import {
  BadUserInputError,
  ClockService,
  LiveUpdates,
  NotFoundError,
  RequestContext,
  TransactionalConnection,
  isUuid,
  paginate,
  type Page,
} from '../../common/src/index.js';
import type { MyNotificationsArgs } from './dto/notification.inputs.js';
import { NotificationDelivery } from './notification-delivery.entity.js';
import { Notification } from './notification.entity.js';

/** How many notifications one `markNotificationsRead` may name. */
export const MARK_READ_LIMIT = 100;

/** docs/RULES.md §31: the live-update topic of new notifications, keyed by their recipient. */
export const NOTIFICATION_TOPIC = 'notification';

/** The signed-in user's own notifications: listing, counting, marking read. Nobody reads another's. */
@Injectable()
export class NotificationService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly live: LiveUpdates,
  ) {}

  /** The signed-in user's new notifications as they are written, only ever their own. */
  liveMine(ctx: RequestContext): AsyncIterableIterator<Notification> {
    const recipientId = ctx.requireUser().id;
    return this.live.follow(ctx, NOTIFICATION_TOPIC, recipientId, (fresh, id) =>
      this.connection.getRepository(fresh, Notification).findOneBy({ id, recipientId }),
    );
  }

  /** Newest first. */
  mine(ctx: RequestContext, args: MyNotificationsArgs): Promise<Page<Notification>> {
    const query = this.connection
      .getRepository(ctx, Notification)
      .createQueryBuilder('notification')
      .where('notification.recipient_id = :userId', { userId: ctx.requireUser().id });
    if (args.unreadOnly) query.andWhere('notification.read_at IS NULL');
    return paginate(query, args, [
      { expression: 'notification.created_at', direction: 'DESC', valueOf: (n) => n.createdAt },
      { expression: 'notification.id', direction: 'DESC', valueOf: (n) => n.id },
    ]);
  }

  unreadCount(ctx: RequestContext): Promise<number> {
    return this.connection.getRepository(ctx, Notification).countBy({ recipientId: ctx.requireUser().id, readAt: IsNull() });
  }

  /**
   * Marks the caller's notifications read (ones read already keep their time). NOT_FOUND, nothing changed,
   * when an id is not one of the caller's.
   */
  async markRead(ctx: RequestContext, ids: readonly string[]): Promise<Notification[]> {
    const userId = ctx.requireUser().id;
    if (ids.length > MARK_READ_LIMIT) throw BadUserInputError.field('ids', `at most ${MARK_READ_LIMIT} at a time`);
    const unique = [...new Set(ids)];
    // `find` would miss an empty id (falsy); it is not a notification either.
    const malformed = unique.filter((id) => !isUuid(id));
    if (malformed.length) throw new NotFoundError('Notification', malformed[0]);
    const repo = this.connection.getRepository(ctx, Notification);
    const own = await repo
      .createQueryBuilder('notification')
      .where('notification.id = ANY(:ids) AND notification.recipient_id = :userId', { ids: unique, userId })
      .getMany();
    const missing = unique.find((id) => !own.some((notification) => notification.id === id));
    if (missing) throw new NotFoundError('Notification', missing);
    const now = this.clock.now();
    await repo.createQueryBuilder().update().set({ readAt: now }).where('id = ANY(:ids) AND read_at IS NULL', { ids: unique }).execute();
    return own.map((notification) => ({ ...notification, readAt: notification.readAt ?? now }));
  }

  /** Returns how many were unread. */
  async markAllRead(ctx: RequestContext): Promise<number> {
    const { affected } = await this.connection
      .getRepository(ctx, Notification)
      .createQueryBuilder()
      .update()
      .set({ readAt: this.clock.now() })
      .where('recipient_id = :userId AND read_at IS NULL', { userId: ctx.requireUser().id })
      .execute();
    return affected ?? 0;
  }

  /** Batched per request. */
  deliveriesOf(ctx: RequestContext, notificationId: string): Promise<NotificationDelivery[]> {
    return this.connection.loadMany(ctx, NotificationDelivery, 'notification_id', notificationId, (d) => d.notificationId, 'channel');
  }
}
