import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { DureConfig } from '../../common/src/index.js';
import { AffiliateModule } from '../../affiliate/src/index.js';
import { BookingModule } from '../../booking/src/index.js';
import { CatalogModule } from '../../catalog/src/index.js';
import { CommerceModule } from '../../commerce/src/index.js';
import { IdentityModule } from '../../identity/src/index.js';
import { MembershipModule } from '../../membership/src/index.js';
import { SettlementModule } from '../../settlement/src/index.js';
import { SubscriptionsModule } from '../../subscriptions/src/index.js';
import { NodemailerEmailSender } from './channels/email-sender.js';
import { ALIMTALK_PROVIDER, EMAIL_SENDER, type AlimtalkProvider, type EmailSender } from './channels/notification-channel.js';
import { SimulatedAlimtalkProvider } from './channels/simulated-alimtalk.provider.js';
import { SolapiAlimtalkProvider } from './channels/solapi-alimtalk.provider.js';
import { DeliveryTransitions } from './delivery-transitions.js';
import { NotificationDeliveries } from './notification-deliveries.js';
import { NotificationOutbox } from './notification-outbox.js';
import { NotificationPreferences } from './notification-preferences.js';
import { NotificationRecipients } from './notification-recipients.js';
import { NotificationSubscriptions } from './notification-subscriptions.js';
import { NotificationResolver } from './notification.resolver.js';
import { NotificationService } from './notification.service.js';

export const NOTIFICATIONS_RESOLVERS = [NotificationResolver];

function emailSender(config: DureConfig): EmailSender {
  return new NodemailerEmailSender({
    smtpUrl: config.smtpUrl,
    mailDir: join(config.dataDir, 'mail'),
    from: config.mailFrom,
    timeoutMs: config.notificationProviderTimeoutMs,
  });
}

function alimtalkProvider(config: DureConfig): AlimtalkProvider {
  if (config.alimtalkProvider === 'solapi') {
    return new SolapiAlimtalkProvider({ ...config.solapi!, baseUrl: config.solapiApiBaseUrl, timeoutMs: config.notificationProviderTimeoutMs });
  }
  return new SimulatedAlimtalkProvider();
}

/**
 * Notifications (docs/RULES.md §30): the top layer, subscribed to the other libraries' events; an outbox
 * row per recipient in the change's transaction, delivered by e-mail and 알림톡 through the job queue.
 */
@Module({
  imports: [IdentityModule, MembershipModule, CatalogModule, BookingModule, CommerceModule, AffiliateModule, SettlementModule, SubscriptionsModule],
  providers: [
    { provide: EMAIL_SENDER, inject: [DureConfig], useFactory: emailSender },
    { provide: ALIMTALK_PROVIDER, inject: [DureConfig], useFactory: alimtalkProvider },
    DeliveryTransitions,
    NotificationPreferences,
    NotificationRecipients,
    NotificationOutbox,
    NotificationDeliveries,
    NotificationSubscriptions,
    NotificationService,
    ...NOTIFICATIONS_RESOLVERS,
  ],
  exports: [NotificationOutbox],
})
export class NotificationsModule {}
