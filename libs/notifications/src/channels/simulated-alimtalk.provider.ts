import { Logger } from '@nestjs/common';
import type { AlimtalkProvider, ChannelReceipt, OutgoingNotice } from './notification-channel.js';

/** No network: every kind is "sent" by logging it, so the whole flow runs without a Kakao channel. */
export class SimulatedAlimtalkProvider implements AlimtalkProvider {
  readonly name = 'simulated';
  private readonly logger = new Logger(SimulatedAlimtalkProvider.name);

  supports(): boolean {
    return true;
  }

  async send(phone: string, notice: OutgoingNotice): Promise<ChannelReceipt> {
    this.logger.log({ kind: notice.kind, deliveryId: notice.deliveryId, phoneSuffix: phone.slice(-4) }, 'simulated 알림톡');
    return { providerMessageId: `simulated-${notice.deliveryId}` };
  }
}
