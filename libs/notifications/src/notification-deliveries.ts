import { Inject, Injectable } from '@nestjs/common';
import { DureConfig, JobQueueService, RequestContext, TransactionalConnection } from '../../common/src/index.js';
import { UserService } from '../../identity/src/index.js';
import {
  ALIMTALK_PROVIDER,
  ChannelError,
  EMAIL_SENDER,
  type AlimtalkProvider,
  type ChannelReceipt,
  type EmailSender,
  type OutgoingNotice,
} from './channels/notification-channel.js';
import { DeliveryTransitions } from './delivery-transitions.js';
import { DeliveryStatus, NotificationChannel } from './notification-kind.js';
import { NotificationDelivery } from './notification-delivery.entity.js';
import { DELIVER_JOB } from './notification-outbox.js';
import { Notification } from './notification.entity.js';

/**
 * Works the `notifications.deliver` jobs. The delivery row is locked while the channel sends, and only a
 * PENDING one is sent, so a job run twice (two workers, a retry after a lost claim) sends once. A failed
 * attempt rolls back and the queue retries with back-off; after the last, the delivery is FAILED.
 */
@Injectable()
export class NotificationDeliveries {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly config: DureConfig,
    private readonly transitions: DeliveryTransitions,
    private readonly users: UserService,
    @Inject(EMAIL_SENDER) private readonly email: EmailSender,
    @Inject(ALIMTALK_PROVIDER) private readonly alimtalk: AlimtalkProvider,
    jobs: JobQueueService,
  ) {
    jobs.register(DELIVER_JOB, (ctx, payload) => this.deliver(ctx, String(payload.deliveryId)), {
      onGiveUp: (ctx, payload, error) => this.giveUp(ctx, String(payload.deliveryId), error),
    });
  }

  async deliver(ctx: RequestContext, deliveryId: string): Promise<void> {
    const delivery = await this.transitions.lock(ctx, deliveryId);
    if (delivery.status !== DeliveryStatus.PENDING) return;
    const receipt = await this.send(ctx, delivery);
    await this.transitions.apply(ctx, delivery, DeliveryStatus.SENT, (row) => (row.providerMessageId = receipt.providerMessageId));
  }

  private async giveUp(ctx: RequestContext, deliveryId: string, error: string): Promise<void> {
    const delivery = await this.transitions.lock(ctx, deliveryId);
    if (delivery.status !== DeliveryStatus.PENDING) return;
    await this.transitions.apply(ctx, delivery, DeliveryStatus.FAILED, (row) => (row.lastError = error.slice(0, 2000)));
  }

  private async send(ctx: RequestContext, delivery: NotificationDelivery): Promise<ChannelReceipt> {
    const notification = await this.connection.getRepository(ctx, Notification).findOneByOrFail({ id: delivery.notificationId });
    const user = await this.users.getById(ctx, notification.recipientId);
    const notice: OutgoingNotice = {
      deliveryId: delivery.id,
      kind: notification.kind,
      title: notification.title,
      body: notification.body,
      link: notification.link && `${this.config.publicWebUrl}${notification.link}`,
      variables: notification.variables,
    };
    if (delivery.channel === NotificationChannel.EMAIL) return this.email.send({ email: user.email, name: user.name }, notice);
    if (!user.phone) throw new ChannelError('the recipient has no phone number any more');
    return this.alimtalk.send(user.phone, notice);
  }
}
