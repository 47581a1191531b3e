import { registerEnumType } from '@nestjs/graphql';

export enum ListingKind {
  GOODS = 'GOODS',
  SERVICE = 'SERVICE',
  SUBSCRIPTION = 'SUBSCRIPTION',
}
registerEnumType(ListingKind, {
  name: 'ListingKind',
  description: 'What a listing sells; it decides which terms object (`goods`, `service`, `subscription`) it carries.',
  valuesMap: {
    GOODS: { description: 'Physical goods bought through the cart and shipped by the agency; carries `goods` terms.' },
    SERVICE: { description: 'A service booked in time slots (consult → reserve → pay); carries `service` terms and a `category`.' },
    SUBSCRIPTION: { description: 'A recurring box (꾸러미) delivered every interval; carries `subscription` terms.' },
  },
});

export enum ListingStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  HIDDEN = 'HIDDEN',
  ARCHIVED = 'ARCHIVED',
}
registerEnumType(ListingStatus, {
  name: 'ListingStatus',
  description: 'Where a listing is in its lifecycle: DRAFT → PUBLISHED ⇄ HIDDEN → ARCHIVED, or DRAFT → ARCHIVED.',
  valuesMap: {
    DRAFT: { description: "Being prepared; only the agency's members and operators see it." },
    PUBLISHED: { description: "On sale: the public sees it while its agency is ACTIVE. Counts toward the tier's maxPublishedListings." },
    HIDDEN: { description: 'Taken off sale by the agency or by a tier downgrade; can be published again.' },
    ARCHIVED: { description: 'Withdrawn or discarded by the agency, or taken down by an operator, for good: final and no longer editable.' },
  },
});
