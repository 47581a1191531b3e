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
registerEnumType(ServiceCategory, {
  name: 'ServiceCategory',
  description: 'A field of work; agencies name theirs when applying and listings carry one.',
  valuesMap: {
    CARE: { description: 'Care (돌봄), e.g. home visits to elders.' },
    LIVING: { description: 'Everyday living services (생활), e.g. tidying a home.' },
    EDUCATION: { description: 'Education and training (교육).' },
    BUSINESS_SUPPORT: { description: 'Services for businesses and organizations (비즈니스 지원).' },
  },
});
