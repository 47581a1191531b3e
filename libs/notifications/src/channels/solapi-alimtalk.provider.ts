import { createHmac, randomBytes } from 'node:crypto';
import type { SolapiSettings } from '../../../common/src/index.js';
import type { NotificationKind } from '../notification-kind.js';
import { ChannelError, type AlimtalkProvider, type ChannelReceipt, type OutgoingNotice } from './notification-channel.js';

export interface SolapiOptions extends SolapiSettings {
  /** `https://api.solapi.com`, or a fake server in tests. */
  baseUrl: string;
  timeoutMs: number;
}

/** The fields we read of Solapi's answer to `POST /messages/v4/send`. */
interface SolapiSendResult {
  messageId?: string;
  statusCode?: string;
  statusMessage?: string;
  errorCode?: string;
  errorMessage?: string;
}

/**
 * 카카오 알림톡 through Solapi's single-message API (`POST /messages/v4/send`), signed with HMAC-SHA256 of
 * date + salt under the API secret. Kinds without an approved template id (SOLAPI_TEMPLATE_IDS) are not
 * supported and get no 알림톡; `disableSms: false` lets Solapi fall back to SMS when Kakao cannot deliver.
 */
export class SolapiAlimtalkProvider implements AlimtalkProvider {
  readonly name = 'solapi';

  constructor(private readonly options: SolapiOptions) {}

  supports(kind: NotificationKind): boolean {
    return Boolean(this.options.templateIds[kind]);
  }

  async send(phone: string, notice: OutgoingNotice): Promise<ChannelReceipt> {
    const templateId = this.options.templateIds[notice.kind];
    if (!templateId) throw new ChannelError(`no 알림톡 template for ${notice.kind}`);
    const body = {
      message: {
        to: phone.replace(/\D/g, ''),
        from: this.options.senderNumber.replace(/\D/g, ''),
        text: notice.body,
        kakaoOptions: { pfId: this.options.pfId, templateId, variables: notice.variables, disableSms: false },
        customFields: { deliveryId: notice.deliveryId },
      },
    };
    let response: Response;
    try {
      response = await fetch(`${this.options.baseUrl}/messages/v4/send`, {
        method: 'POST',
        headers: { authorization: this.authorization(), 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      throw new ChannelError(`Solapi unreachable: ${(error as Error).message}`);
    }
    const result = (await response.json().catch(() => ({}))) as SolapiSendResult;
    if (!response.ok) throw new ChannelError(`Solapi ${response.status} ${result.errorCode ?? ''}: ${result.errorMessage ?? 'no message'}`);
    return { providerMessageId: result.messageId ?? null };
  }

  /** `HMAC-SHA256 apiKey=…, date=…, salt=…, signature=hex(HMAC(secret, date + salt))`. */
  private authorization(): string {
    const date = new Date().toISOString();
    const salt = randomBytes(16).toString('hex');
    const signature = createHmac('sha256', this.options.apiSecret)
      .update(date + salt)
      .digest('hex');
    return `HMAC-SHA256 apiKey=${this.options.apiKey}, date=${date}, salt=${salt}, signature=${signature}`;
  }
}
