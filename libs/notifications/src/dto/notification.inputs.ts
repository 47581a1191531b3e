import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional } from 'class-validator';
import { PageArgs } from '../../../common/src/index.js';
import { NotificationChannel, NotificationKind } from '../notification-kind.js';

@ArgsType()
export class MyNotificationsArgs extends PageArgs {
  @Field(() => Boolean, { nullable: true, description: 'Only those not yet marked read.' })
  @IsOptional()
  @IsBoolean()
  unreadOnly?: boolean | null;
}

@InputType({ description: 'Turns one kind of notification on or off on one channel besides the app.' })
export class SetNotificationPreferenceInput {
  @Field(() => NotificationKind, { description: 'The kind of notification.' })
  @IsEnum(NotificationKind)
  kind: NotificationKind;

  @Field(() => NotificationChannel, { description: 'EMAIL or ALIMTALK; IN_APP is refused (BAD_USER_INPUT).' })
  @IsEnum(NotificationChannel)
  channel: NotificationChannel;

  @Field({ description: 'Whether to send it on that channel.' })
  @IsBoolean()
  enabled: boolean;
}
