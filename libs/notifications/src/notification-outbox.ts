import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { ClockService, JobQueueService, LiveUpdates, RequestContext, TransactionalConnection, type JobToEnqueue } from '../../common/src/index.js';
import { UserService } from '../../identity/src/index.js';
import { ALIMTALK_PROVIDER, type AlimtalkProvider } from './channels/notification-channel.js';
import { DeliveryStatus, NotificationChannel, NotificationKind, OPTIONAL_CHANNELS } from './notification-kind.js';
import { NotificationDelivery } from './notification-delivery.entity.js';
import { NotificationPreferences } from './notification-preferences.js';
import { renderNotice, type NoticeFacts } from './notification-templates.js';
import { Notification } from './notification.entity.js';
import { NOTIFICATION_TOPIC } from './notification.service.js';

/** Sends one delivery; queued by the fan-out, retried with the queue's back-off. */
export const DELIVER_JOB = 'notifications.deliver';
/** Creates an event's deliveries and their jobs, after the change has committed. */
export const FAN_OUT_JOB = 'notifications.fan-out';

export interface Notice<Kind extends NotificationKind> {
  kind: Kind;
  /** Names the event (`reservation-confirmed:<id>`): each recipient is notified of it once. */
  eventKey: string;
  recipientIds: readonly string[];
  facts: NoticeFacts[Kind];
}

/**
 * The transactional outbox. In the transaction of the change it costs two statements whatever the number
 * of recipients: one INSERT of every recipient's notification (the in-app notice; unique per event key
 * and recipient, so a repeated event inserts nothing) and one for the event's fan-out job (with any jobs
 * the caller queues alongside). A rolled-back change leaves neither. The fan-out job then creates the
 * deliveries (unique per notification and channel) and a job for each.
 */
@Injectable()
export class NotificationOutbox {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly clock: ClockService,
    private readonly jobs: JobQueueService,
    private readonly users: UserService,
    private readonly preferences: NotificationPreferences,
    private readonly live: LiveUpdates,
    @Inject(ALIMTALK_PROVIDER) private readonly alimtalk: AlimtalkProvider,
  ) {
    jobs.register(FAN_OUT_JOB, (ctx, payload) => this.fanOut(ctx, String(payload.eventKey)));
  }

  /** `alongside`: the caller's own jobs, queued in the fan-out's statement. */
  async notify<Kind extends NotificationKind>(ctx: RequestContext, notice: Notice<Kind>, alongside: readonly JobToEnqueue[] = []): Promise<void> {
    const rendered = renderNotice(notice.kind, notice.facts);
    const createdAt = this.clock.now();
    const rows = [...new Set(notice.recipientIds)].map((recipientId) => ({
      id: randomUUID(),
      recipientId,
      kind: notice.kind,
      eventKey: notice.eventKey,
      ...rendered,
      readAt: null,
      createdAt,
    }));
    const inserted = await this.insertIgnoringExisting(ctx, Notification, rows);
    for (const row of rows) if (inserted.includes(row.id)) this.live.publish(ctx, NOTIFICATION_TOPIC, row.recipientId, row.id);
    const fanOut = { name: FAN_OUT_JOB, payload: { eventKey: notice.eventKey }, options: { singletonKey: `${FAN_OUT_JOB}:${notice.eventKey}` } };
    await this.jobs.enqueueMany(ctx, [...(inserted.length ? [fanOut] : []), ...alongside]);
  }

  /**
   * E-mail always has an address; 알림톡 needs a phone and a template of the kind at the provider. Run
   * again (a retry, a repeated event), it creates and queues only the deliveries not yet there.
   */
  private async fanOut(ctx: RequestContext, eventKey: string): Promise<void> {
    const notifications = await this.connection.getRepository(ctx, Notification).findBy({ eventKey });
    if (!notifications.length) return;
    const { kind } = notifications[0];
    const recipientIds = notifications.map((notification) => notification.recipientId);
    const [users, off] = await Promise.all([
      Promise.all(recipientIds.map((id) => this.users.load(ctx, id))),
      this.preferences.disabledChannelsOf(ctx, recipientIds, kind),
    ]);
    const recipients = new Map(users.filter((user) => user !== null).map((user) => [user.id, user]));
    const createdAt = this.clock.now();
    const deliveries = notifications.flatMap((notification) => {
      const user = recipients.get(notification.recipientId);
      if (!user) return [];
      const wanted = (channel: NotificationChannel) =>
        !off.get(user.id)?.has(channel) && (channel === NotificationChannel.EMAIL || (Boolean(user.phone) && this.alimtalk.supports(kind)));
      return OPTIONAL_CHANNELS.filter(wanted).map((channel) => ({
        id: randomUUID(),
        notificationId: notification.id,
        channel,
        status: DeliveryStatus.PENDING,
        providerMessageId: null,
        lastError: null,
        sentAt: null,
        failedAt: null,
        createdAt,
      }));
    });
    const created = await this.insertIgnoringExisting(ctx, NotificationDelivery, deliveries);
    await this.jobs.enqueueMany(
      ctx,
      created.map((id) => ({ name: DELIVER_JOB, payload: { deliveryId: id }, options: { singletonKey: `${DELIVER_JOB}:${id}` } })),
    );
  }

  /** One multi-row INSERT … ON CONFLICT DO NOTHING (none for no rows); the ids of the rows it inserted. */
  private async insertIgnoringExisting<Row extends { id: string }>(
    ctx: RequestContext,
    target: new () => Row,
    rows: QueryDeepPartialEntity<Row>[],
  ): Promise<string[]> {
    if (!rows.length) return [];
    const { raw } = await this.connection
      .getRepository(ctx, target)
      .createQueryBuilder()
      .insert()
      .values(rows)
      .orIgnore()
      .returning('id')
      .updateEntity(false)
      .execute();
    return (raw as Array<{ id: string }>).map((row) => row.id);
  }
}
