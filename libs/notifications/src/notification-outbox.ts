import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ClockService, JobQueueService, RequestContext, TransactionalConnection } from '../../common/src/index.js';
import { UserService } from '../../identity/src/index.js';
import { ALIMTALK_PROVIDER, type AlimtalkProvider } from './channels/notification-channel.js';
import { DeliveryStatus, NotificationChannel, NotificationKind, OPTIONAL_CHANNELS } from './notification-kind.js';
import { NotificationDelivery } from './notification-delivery.entity.js';
import { NotificationPreferences } from './notification-preferences.js';
import { renderNotice, type NoticeFacts } from './notification-templates.js';
import { Notification } from './notification.entity.js';

/** Sends one delivery; queued with the notification, retried with the queue's back-off. */
export const DELIVER_JOB = 'notifications.deliver';

export interface Notice<Kind extends NotificationKind> {
  kind: Kind;
  /** Names the event (`reservation-confirmed:<id>`): each recipient is notified of it once. */
  eventKey: string;
  recipientIds: readonly string[];
  facts: NoticeFacts[Kind];
}

/**
 * The transactional outbox: called by the subscriptions inside the transaction of the change, it writes
 * each recipient's notification (the in-app notice), a delivery per optional channel they have not turned
 * off, and a job per delivery. A rolled-back change leaves none of it; a repeated event inserts nothing
 * (unique event key and recipient).
 */
@Injectable()
export class NotificationOutbox {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly jobs: JobQueueService,
    private readonly users: UserService,
    private readonly preferences: NotificationPreferences,
    @Inject(ALIMTALK_PROVIDER) private readonly alimtalk: AlimtalkProvider,
  ) {}

  async notify<Kind extends NotificationKind>(ctx: RequestContext, notice: Notice<Kind>): Promise<void> {
    const rendered = renderNotice(notice.kind, notice.facts);
    for (const recipientId of new Set(notice.recipientIds)) {
      const id = randomUUID();
      const { raw } = await this.connection
        .getRepository(ctx, Notification)
        .createQueryBuilder()
        .insert()
        .values({ id, recipientId, kind: notice.kind, eventKey: notice.eventKey, ...rendered, readAt: null, createdAt: this.clock.now() })
        .orIgnore()
        .returning('id')
        .updateEntity(false)
        .execute();
      if ((raw as unknown[]).length) await this.queueDeliveries(ctx, id, recipientId, notice.kind);
    }
  }

  /** E-mail always has an address; 알림톡 needs a phone and a template of the kind at the provider. */
  private async queueDeliveries(ctx: RequestContext, notificationId: string, recipientId: string, kind: NotificationKind): Promise<void> {
    const user = await this.users.load(ctx, recipientId);
    if (!user) return;
    const off = await this.preferences.disabledChannels(ctx, recipientId, kind);
    const reachable = (channel: NotificationChannel) => channel === NotificationChannel.EMAIL || (Boolean(user.phone) && this.alimtalk.supports(kind));
    for (const channel of OPTIONAL_CHANNELS.filter((channel) => !off.has(channel) && reachable(channel))) {
      const id = randomUUID();
      await this.connection.getRepository(ctx, NotificationDelivery).insert({
        id,
        notificationId,
        channel,
        status: DeliveryStatus.PENDING,
        providerMessageId: null,
        lastError: null,
        sentAt: null,
        failedAt: null,
        createdAt: this.clock.now(),
      });
      await this.jobs.enqueue(ctx, DELIVER_JOB, { deliveryId: id }, { singletonKey: `${DELIVER_JOB}:${id}` });
    }
  }
}
