import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The notification outbox: notices (the in-app ones), their e-mail and 알림톡 deliveries, and recipients' choices. */
export class Notifications1764300000000 implements MigrationInterface {
  name = 'Notifications1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY,
        recipient_id uuid NOT NULL,
        kind text NOT NULL,
        event_key text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        link text,
        variables jsonb NOT NULL DEFAULT '{}',
        read_at timestamptz,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX notification_event_recipient_uq ON notification (event_key, recipient_id)`);
    await q.query(`CREATE INDEX notification_recipient_idx ON notification (recipient_id, created_at, id)`);
    await q.query(`CREATE INDEX notification_unread_idx ON notification (recipient_id) WHERE read_at IS NULL`);
    await q.query(`
      CREATE TABLE notification_delivery (
        id uuid PRIMARY KEY,
        notification_id uuid NOT NULL,
        channel text NOT NULL,
        status text NOT NULL,
        provider_message_id text,
        last_error text,
        sent_at timestamptz,
        failed_at timestamptz,
        created_at timestamptz NOT NULL,
        CONSTRAINT notification_delivery_notification_id_fkey FOREIGN KEY (notification_id) REFERENCES notification (id) ON DELETE CASCADE,
        CONSTRAINT notification_delivery_channel_check CHECK (channel IN ('EMAIL', 'ALIMTALK')),
        CONSTRAINT notification_delivery_status_check CHECK (status IN ('PENDING', 'SENT', 'FAILED'))
      )`);
    await q.query(`CREATE UNIQUE INDEX notification_delivery_channel_uq ON notification_delivery (notification_id, channel)`);
    await q.query(`
      CREATE TABLE notification_preference (
        user_id uuid NOT NULL,
        kind text NOT NULL,
        channel text NOT NULL,
        enabled boolean NOT NULL,
        PRIMARY KEY (user_id, kind, channel),
        CONSTRAINT notification_preference_channel_check CHECK (channel IN ('EMAIL', 'ALIMTALK'))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_preference`);
    await q.query(`DROP TABLE notification_delivery`);
    await q.query(`DROP TABLE notification`);
  }
}
