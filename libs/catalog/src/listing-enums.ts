import { registerEnumType } from '@nestjs/graphql';

export enum ListingKind {
  GOODS = 'GOODS',
  SERVICE = 'SERVICE',
  SUBSCRIPTION = 'SUBSCRIPTION',
}
registerEnumType(ListingKind, { name: 'ListingKind' });

export enum ListingStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  HIDDEN = 'HIDDEN',
  ARCHIVED = 'ARCHIVED',
}
registerEnumType(ListingStatus, { name: 'ListingStatus' });
