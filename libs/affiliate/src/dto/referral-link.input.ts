import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, Length } from 'class-validator';

@InputType({ description: 'A new referral link, to one listing or to the whole market.' })
export class CreateReferralLinkInput {
  /** A link to one listing; without it, a link to the whole market. */
  @Field(() => ID, { nullable: true, description: 'A listing you could add to your market; absent for a link to the whole market.' })
  @IsOptional()
  @IsString()
  listingId?: string | null;

  /** The creator's own label for where the link is shared (e.g. "instagram-0301"). */
  @Field(() => String, { nullable: true, description: 'Your own label for where the link is shared, e.g. "instagram-0301"; 1–100 characters.' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  campaign?: string | null;
}
