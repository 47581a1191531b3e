import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A provider's push already applied (docs/RULES.md §17): each `eventId` of a provider is applied once. */
@Entity('tracking_webhook_event')
export class TrackingWebhookEvent {
  @PrimaryColumn({ type: 'text' })
  provider: string;

  @PrimaryColumn({ name: 'event_id', type: 'text' })
  eventId: string;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;
}
