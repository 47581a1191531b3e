import type { NotificationKind } from '../notification-kind.js';

/** A notification as a channel sends it: its words, an absolute link, and the 알림톡 template values. */
export interface OutgoingNotice {
  /** Our delivery's id: names the message at the provider, so a repeat can be recognised. */
  deliveryId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string | null;
  variables: Record<string, string>;
}

export interface ChannelReceipt {
  /** The provider's id of the message (e-mail Message-ID, Solapi messageId). */
  providerMessageId: string | null;
}

/** The e-mail port: SMTP, or .eml files when no server is configured. */
export interface EmailSender {
  send(to: { email: string; name: string }, notice: OutgoingNotice): Promise<ChannelReceipt>;
}

/** The 카카오 알림톡 port; each kind needs a template approved at Kakao, so a provider may not support every kind. */
export interface AlimtalkProvider {
  readonly name: string;
  supports(kind: NotificationKind): boolean;
  send(phone: string, notice: OutgoingNotice): Promise<ChannelReceipt>;
}

/** Nest injection tokens for the configured channels. */
export const EMAIL_SENDER = Symbol('EMAIL_SENDER');
export const ALIMTALK_PROVIDER = Symbol('ALIMTALK_PROVIDER');

/** A provider's refusal or an unreachable provider: the attempt fails and the job retries with back-off. */
export class ChannelError extends Error {}
