import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Transporter } from 'nodemailer';
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
  private transport?: Promise<Transporter>;

  constructor(private readonly settings: EmailSettings) {}

  /** nodemailer (about 13 MB of a process's memory) is loaded with the first message, so a process that sends none does not hold it. */
  private transporter(): Promise<Transporter> {
    const { smtpUrl, timeoutMs } = this.settings;
    this.transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      smtpUrl
        ? nodemailer.createTransport({ url: smtpUrl, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs })
        : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' }),
    );
    return this.transport;
  }

  async send(to: { email: string; name: string }, notice: OutgoingNotice): Promise<ChannelReceipt> {
    const messageId = `<${notice.deliveryId}@notifications.dure>`;
    const info = await (
      await this.transporter()
    ).sendMail({
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
