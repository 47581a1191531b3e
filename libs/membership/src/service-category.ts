import { registerEnumType } from '@nestjs/graphql';

/**
 * What a partner agency offers. Defined here because agencies name their categories when they apply;
 * the catalog (later) reuses it for listings.
 */
export enum ServiceCategory {
  CARE = 'CARE',
  LIVING = 'LIVING',
  EDUCATION = 'EDUCATION',
  BUSINESS_SUPPORT = 'BUSINESS_SUPPORT',
}
registerEnumType(ServiceCategory, { name: 'ServiceCategory' });
