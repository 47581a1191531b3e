import { Field, ObjectType } from '@nestjs/graphql';
import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import { NotificationChannel, NotificationKind } from './notification-kind.js';

/** A recipient's choice for one kind on one optional channel; no row means on. */
@ObjectType({ description: 'Whether the signed-in user gets one kind of notification on one channel besides the app.' })
@Entity('notification_preference')
@Check('notification_preference_channel_check', `channel IN ('EMAIL', 'ALIMTALK')`)
export class NotificationPreference {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Field(() => NotificationKind, { description: 'The kind of notification.' })
  @PrimaryColumn({ type: 'text' })
  kind: NotificationKind;

  @Field(() => NotificationChannel, { description: 'EMAIL or ALIMTALK (in-app notices cannot be turned off).' })
  @PrimaryColumn({ type: 'text' })
  channel: NotificationChannel;

  @Field({ description: 'Whether it is sent on this channel.' })
  @Column({ type: 'boolean' })
  enabled: boolean;
}
