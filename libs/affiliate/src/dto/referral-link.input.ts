import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, Length } from 'class-validator';

@InputType()
export class CreateReferralLinkInput {
  /** A link to one listing; without it, a link to the whole market. */
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  listingId?: string | null;

  /** The creator's own label for where the link is shared (e.g. "instagram-0301"). */
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  campaign?: string | null;
}
