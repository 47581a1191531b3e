import { Field, ObjectType } from '@nestjs/graphql';

/** What `trackReferralClick` returns: the token to send with a purchase, and whom it credits until when. */
@ObjectType('Attribution', { description: 'What trackReferralClick returns: the token to send with a purchase, the market creator it credits and until when.' })
export class AttributionView {
  @Field({ description: 'Signed and unforgeable: pass it as `attributionToken` to reserve or requestConsultation.' })
  token: string;

  @Field({ description: 'When the click stops counting: 30 days after it by default.' })
  expiresAt: Date;

  marketCreatorId: string;

  listingId: string | null;
}
