import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { User } from './catalog.js';
import type { TestApp } from './test-app.js';

/** A notification as `myNotifications` shows it to its recipient. */
export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  readAt: string | null;
  deliveries: Array<{ channel: string; status: string }>;
}

/** The e-mails to `who` titled `[두레] <title>`, from the .eml files written when no SMTP server is set. */
export async function mailsTo(t: TestApp, who: User, title: string): Promise<ParsedMail[]> {
  const dir = join(t.config.dataDir, 'mail');
  const mails = await Promise.all(readdirSync(dir).map((file) => simpleParser(readFileSync(join(dir, file)))));
  return mails.filter((mail) => mail.subject === `[두레] ${title}` && JSON.stringify(mail.to).includes(who.email));
}
