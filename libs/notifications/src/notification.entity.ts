import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeScalar } from '../../common/src/index.js';
import { NotificationKind } from './notification-kind.js';

/**
 * One notice to one person: the in-app notification itself and the outbox row its e-mail and 알림톡
 * deliveries come from. Written in the transaction of the change it tells of; (event key, recipient) is
 * unique, so an event notifies each person once however often it is handled.
 */
@ObjectType({ description: 'A notice to the signed-in user about something that happened.' })
@Entity('notification')
@Index('notification_event_recipient_uq', ['eventKey', 'recipientId'], { unique: true })
@Index('notification_recipient_idx', ['recipientId', 'createdAt', 'id'])
@Index('notification_unread_idx', ['recipientId'], { where: 'read_at IS NULL' })
export class Notification {
  @Field(() => ID, { description: 'The notification’s id.' })
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'recipient_id', type: 'uuid' })
  recipientId: string;

  @Field(() => NotificationKind, { description: 'What it is about.' })
  @Column({ type: 'text' })
  kind: NotificationKind;

  /** Names the event: `reservation-confirmed:<id>`; with the recipient, unique. */
  @Column({ name: 'event_key', type: 'text' })
  eventKey: string;

  @Field({ description: 'A short Korean headline.' })
  @Column({ type: 'text' })
  title: string;

  @Field({ description: 'The Korean text, a few sentences.' })
  @Column({ type: 'text' })
  body: string;

  @Field(() => String, { nullable: true, description: 'Where in the web app to look at it, if anywhere.' })
  @Column({ type: 'text', nullable: true })
  link: string | null;

  /** The template's values for the 알림톡 provider (`#{예약번호}` …). */
  @Column({ type: 'jsonb', default: {} })
  variables: Record<string, string>;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the recipient marked it read; null while unread.' })
  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @Field(() => DateTimeScalar, { description: 'When the event happened.' })
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
