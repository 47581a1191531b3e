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

@InputType({ description: 'A new organization; the caller becomes its OWNER.' })
export class CreateOrganizationInput {
  @Field({ description: 'Registered name, 1–200 visible characters.' })
  @IsName(200)
  name: string;

  @Field(() => OrganizationKind, { description: 'Legal form; decides `isSocialEconomy`.' })
  @IsEnum(OrganizationKind)
  kind: OrganizationKind;

  @Field({ description: '사업자등록번호, with or without dashes; a wrong check digit is BAD_USER_INPUT, a verified holder CONFLICT.' })
  @IsBusinessRegistrationNumber()
  businessRegistrationNumber: string;

  @Field({ description: 'The representative (대표자), 1–100 visible characters.' })
  @IsName(100)
  representativeName: string;

  @Field(() => String, { nullable: true, description: 'Registered address, 1–500 characters.' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  address?: string | null;
}
