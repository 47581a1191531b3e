import type { DataSourceOptions } from 'typeorm';
import { Affiliate1763900007000, Commission, MarketCreator, MarketListing, Payout, ReferralClick, ReferralLink } from '../../../libs/affiliate/src/index.js';
import {
  Booking1763900006000,
  Consultation,
  ConsultationMessage,
  Offer,
  Reservation,
  ReservationIdempotencyKey,
  ReservationSeat,
  Review,
} from '../../../libs/booking/src/index.js';
import {
  CONFIG_VARIABLES,
  Foundation1763900000000,
  Job,
  JobClaims1764100600000,
  MutationRateLimit1763900008000,
  QueryCounter,
} from '../../../libs/common/src/index.js';
import {
  Identity1763900001000,
  LoginAttempt,
  LoginAttempt1764100201000,
  OrganizationInvitation,
  OrganizationInvitations1764100410000,
  OrganizationVerification1764100400000,
  Organization,
  OrganizationMember,
  RefreshToken,
  User,
  UserSession,
  UserSession1764100200000,
} from '../../../libs/identity/src/index.js';
import { JournalEntry, Ledger1763900002000, Posting } from '../../../libs/ledger/src/index.js';
import {
  DuesInvoice,
  Membership1763900004000,
  StrikeOrder1796505571980,
  MembershipTier,
  PartnerAgency,
  PolicyAgreement,
  PolicyDocument,
  Strike,
} from '../../../libs/membership/src/index.js';
import { Notification, NotificationDelivery, NotificationPreference, Notifications1764300000000 } from '../../../libs/notifications/src/index.js';
import { CheckoutPurpose1764200100000, Payment, PaymentAttempt, PaymentRefund, Payments1763900003000 } from '../../../libs/payments/src/index.js';
import { BusinessCalendarYear, Calendar1764100800000, NonBusinessDay } from '../../../libs/calendar/src/index.js';
import { Catalog1763900005000, GoodsTerms1764200000000, Listing, ListingAvailability } from '../../../libs/catalog/src/index.js';
import { Cart, CartLine, Checkout, CheckoutIdempotencyKey, Commerce1764200200000, Order, OrderLine } from '../../../libs/commerce/src/index.js';
import { ListingImage, ListingImageUpload, Media1764400000000 } from '../../../libs/media/src/index.js';

/** Every library's entities and migrations; the one list the server, the CLI and the tests share. */
export const ENTITIES = [
  Job,
  User,
  UserSession,
  RefreshToken,
  LoginAttempt,
  Organization,
  OrganizationMember,
  OrganizationInvitation,
  JournalEntry,
  Posting,
  Payment,
  PaymentRefund,
  PaymentAttempt,
  PolicyDocument,
  PolicyAgreement,
  MembershipTier,
  PartnerAgency,
  DuesInvoice,
  Strike,
  Listing,
  ListingAvailability,
  Consultation,
  ConsultationMessage,
  Offer,
  Reservation,
  ReservationSeat,
  ReservationIdempotencyKey,
  Review,
  Cart,
  CartLine,
  Checkout,
  Order,
  OrderLine,
  CheckoutIdempotencyKey,
  MarketCreator,
  MarketListing,
  ReferralLink,
  ReferralClick,
  Commission,
  Payout,
  BusinessCalendarYear,
  NonBusinessDay,
  ListingImage,
  ListingImageUpload,
  Notification,
  NotificationDelivery,
  NotificationPreference,
];
export const MIGRATIONS = [
  Foundation1763900000000,
  Identity1763900001000,
  Ledger1763900002000,
  Payments1763900003000,
  Membership1763900004000,
  Catalog1763900005000,
  Booking1763900006000,
  Affiliate1763900007000,
  MutationRateLimit1763900008000,
  UserSession1764100200000,
  LoginAttempt1764100201000,
  OrganizationVerification1764100400000,
  OrganizationInvitations1764100410000,
  JobClaims1764100600000,
  Calendar1764100800000,
  GoodsTerms1764200000000,
  CheckoutPurpose1764200100000,
  Commerce1764200200000,
  Media1764400000000,
  Notifications1764300000000,
  StrikeOrder1796505571980,
];

export function dataSourceOptions(url: string, logger?: QueryCounter, poolSize: number = CONFIG_VARIABLES.DATABASE_POOL_SIZE.default): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logger,
    logging: logger ? ['query', 'error'] : false,
    extra: { max: poolSize, application_name: 'dure' },
  };
}
