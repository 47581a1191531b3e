import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { ChannelReceipt, EmailSender, OutgoingNotice } from './notification-channel.js';

export interface EmailSettings {
  /** smtp:// or smtps:// with credentials; unset: messages are written as .eml files into `mailDir`. */
  smtpUrl?: string;
  mailDir: string;
  from: string;
  timeoutMs: number;
}

/** The e-mail a notice becomes: plain text, Korean, with the link on its own line. */
export function emailText(notice: OutgoingNotice): string {
  return [notice.body, ...(notice.link ? ['', `자세히 보기: ${notice.link}`] : []), '', '— 두레 드림', '알림 설정은 두레 앱의 설정에서 바꿀 수 있어요.'].join(
    '\n',
  );
}

/**
 * Sends through nodemailer. Without an SMTP server each message is written as `<mailDir>/<delivery id>.eml`,
 * so a newcomer's `npm start` shows what would have been sent; a repeat overwrites the same file.
 */
export class NodemailerEmailSender implements EmailSender {
  private readonly transport: Transporter;

  constructor(private readonly settings: EmailSettings) {
    this.transport = settings.smtpUrl
      ? nodemailer.createTransport({
          url: settings.smtpUrl,
          connectionTimeout: settings.timeoutMs,
          greetingTimeout: settings.timeoutMs,
          socketTimeout: settings.timeoutMs,
        })
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  async send(to: { email: string; name: string }, notice: OutgoingNotice): Promise<ChannelReceipt> {
    const messageId = `<${notice.deliveryId}@notifications.dure>`;
    const info = await this.transport.sendMail({
      from: this.settings.from,
      to: { name: to.name, address: to.email },
      subject: `[두레] ${notice.title}`,
      text: emailText(notice),
      messageId,
    });
    if (!this.settings.smtpUrl) {
      await mkdir(this.settings.mailDir, { recursive: true });
      await writeFile(join(this.settings.mailDir, `${notice.deliveryId}.eml`), info.message as Buffer);
    }
    return { providerMessageId: messageId };
  }
}
