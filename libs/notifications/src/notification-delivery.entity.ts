import { Field, ObjectType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { DateTimeScalar } from '../../common/src/index.js';
import { DeliveryStatus, NotificationChannel } from './notification-kind.js';
import { Notification } from './notification.entity.js';

/**
 * One notification sent on one channel besides the app (e-mail, 알림톡): created with the notification,
 * unique per (notification, channel), sent by the `notifications.deliver` job.
 */
@ObjectType({ description: 'How a notification was sent by e-mail or 알림톡.' })
@Entity('notification_delivery')
@Index('notification_delivery_channel_uq', ['notificationId', 'channel'], { unique: true })
@Check('notification_delivery_channel_check', `channel IN ('EMAIL', 'ALIMTALK')`)
@Check('notification_delivery_status_check', `status IN ('PENDING', 'SENT', 'FAILED')`)
export class NotificationDelivery {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'notification_id', type: 'uuid' })
  notificationId: string;

  @Field(() => NotificationChannel, { description: 'EMAIL or ALIMTALK.' })
  @Column({ type: 'text' })
  channel: NotificationChannel;

  @Field(() => DeliveryStatus, { description: 'PENDING while attempts remain, then SENT or FAILED.' })
  @Column({ type: 'text' })
  status: DeliveryStatus;

  /** The provider's id of the sent message (Message-ID, Solapi messageId). */
  @Column({ name: 'provider_message_id', type: 'text', nullable: true })
  providerMessageId: string | null;

  /** Why the last attempt failed, once FAILED (for operators; not in the API). */
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was sent.' })
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was given up after its last attempt.' })
  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true })
  failedAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => Notification, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'notification_id', foreignKeyConstraintName: 'notification_delivery_notification_id_fkey' })
  notification?: Relation<Notification>;
}
