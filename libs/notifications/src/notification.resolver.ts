import { Args, ID, Int, Mutation, ObjectType, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { contextOf, Connection, Ctx, RequestContext, type GraphQLContext, type Page } from '../../common/src/index.js';
import { MyNotificationsArgs, SetNotificationPreferenceInput } from './dto/notification.inputs.js';
import { NotificationDelivery } from './notification-delivery.entity.js';
import { NotificationPreference } from './notification-preference.entity.js';
import { NotificationPreferences } from './notification-preferences.js';
import { Notification } from './notification.entity.js';
import { NotificationService } from './notification.service.js';

@ObjectType('NotificationConnection', { description: 'A page of the signed-in user’s notifications, newest first.' })
export class NotificationConnection extends Connection('Notification', Notification) {}

@Resolver(() => Notification)
export class NotificationResolver {
  constructor(
    private readonly notifications: NotificationService,
    private readonly preferences: NotificationPreferences,
  ) {}

  @Query(() => NotificationConnection, { description: 'The signed-in user’s notifications, newest first.' })
  myNotifications(@Ctx() ctx: RequestContext, @Args() args: MyNotificationsArgs): Promise<Page<Notification>> {
    return this.notifications.mine(ctx, args);
  }

  @Subscription(() => Notification, {
    description: 'Each new in-app notification of the signed-in user as it is written.',
    resolve: (notification: Notification) => notification,
  })
  async notificationAdded(@Ctx() ctx: RequestContext): Promise<AsyncIterableIterator<Notification>> {
    return this.notifications.liveMine(ctx);
  }

  @Query(() => Int, { description: 'How many of the signed-in user’s notifications are unread.' })
  unreadNotificationCount(@Ctx() ctx: RequestContext): Promise<number> {
    return this.notifications.unreadCount(ctx);
  }

  @Query(() => [NotificationPreference], { description: 'The signed-in user’s choice for every kind on each channel besides the app.' })
  notificationPreferences(@Ctx() ctx: RequestContext): Promise<NotificationPreference[]> {
    return this.preferences.mine(ctx);
  }

  @Mutation(() => [Notification], { description: 'Marks the signed-in user’s notifications read; NOT_FOUND (nothing changed) for an id that is not theirs.' })
  markNotificationsRead(
    @Ctx() ctx: RequestContext,
    @Args('ids', { type: () => [ID], description: 'At most 100 notification ids.' }) ids: string[],
  ): Promise<Notification[]> {
    return this.notifications.markRead(ctx, ids);
  }

  @Mutation(() => Int, { description: 'Marks every unread notification of the signed-in user read; returns how many there were.' })
  markAllNotificationsRead(@Ctx() ctx: RequestContext): Promise<number> {
    return this.notifications.markAllRead(ctx);
  }

  @Mutation(() => NotificationPreference, {
    description: 'Turns one kind on or off on EMAIL or ALIMTALK; in-app notices cannot be turned off (BAD_USER_INPUT).',
  })
  setNotificationPreference(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The event kind, the channel and whether it is on.' }) input: SetNotificationPreferenceInput,
  ): Promise<NotificationPreference> {
    return this.preferences.set(ctx, input);
  }

  @ResolveField(() => [NotificationDelivery], { description: 'Its e-mail and 알림톡 deliveries (none for a channel turned off or without an address).' })
  deliveries(notification: Notification, _args: unknown, graphql: GraphQLContext): Promise<NotificationDelivery[]> {
    return this.notifications.deliveriesOf(contextOf(graphql), notification.id);
  }
}
