import { Field, ObjectType } from '@nestjs/graphql';

/** What `trackReferralClick` returns: the token to send with a purchase, and whom it credits until when. */
@ObjectType('Attribution')
export class AttributionView {
  @Field()
  token: string;

  @Field()
  expiresAt: Date;

  marketCreatorId: string;

  listingId: string | null;
}
