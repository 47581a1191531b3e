import { Field, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, Length, registerDecorator, type ValidationOptions } from 'class-validator';
import { IsName } from '../../../common/src/index.js';
import { normalizeBusinessRegistrationNumber } from '../business-registration-number.js';
import { OrganizationKind } from '../organization.entity.js';

function IsBusinessRegistrationNumber(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isBusinessRegistrationNumber',
      target: target.constructor,
      propertyName,
      options: { message: 'must be a valid business registration number (10 digits, e.g. 120-81-47521)', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && normalizeBusinessRegistrationNumber(value) !== null },
    });
}

@InputType()
export class CreateOrganizationInput {
  @Field()
  @IsName(200)
  name: string;

  @Field(() => OrganizationKind)
  @IsEnum(OrganizationKind)
  kind: OrganizationKind;

  @Field()
  @IsBusinessRegistrationNumber()
  businessRegistrationNumber: string;

  @Field()
  @IsName(100)
  representativeName: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  address?: string | null;
}
