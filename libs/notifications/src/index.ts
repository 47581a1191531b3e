// What the apps and the tests use of notifications; the rest stays inside the library.
export { NOTIFICATIONS_RESOLVERS, NotificationsModule } from './notifications.module.js';
export {
  EMAIL_SENDER,
  ALIMTALK_PROVIDER,
  ChannelError,
  type AlimtalkProvider,
  type EmailSender,
  type OutgoingNotice,
} from './channels/notification-channel.js';
export { SolapiAlimtalkProvider } from './channels/solapi-alimtalk.provider.js';
export { NotificationChannel, NotificationKind, DeliveryStatus } from './notification-kind.js';
export { NotificationOutbox, DELIVER_JOB, FAN_OUT_JOB, type Notice } from './notification-outbox.js';
export { Notification } from './notification.entity.js';
export { NotificationDelivery } from './notification-delivery.entity.js';
export { NotificationPreference } from './notification-preference.entity.js';
export { Notifications1764300000000 } from './migrations/1764300000000-notifications.js';
