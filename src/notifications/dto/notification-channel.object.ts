import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('NotificationChannelState', { description: 'An outgoing channel as the configuration routes messages, with its deliveries of the window' })
export class NotificationChannelStateObject {
  @Field({ description: 'SMS (residents), WEBHOOK (staff, when WEBHOOK_URL is set), LOG (staff, otherwise)' }) channel: string;
  @Field({ description: 'Messages go to this channel with the current configuration' }) enabled: boolean;
  @Field({ description: 'WEBHOOK (signed HTTP POST to the gateway), FILE (development SMS file), LOG (the server log)' }) transport: string;
  @Field(() => String, { nullable: true, description: 'The webhook’s host (never its path or query)' }) host: string | null;
  @Field(() => Int, { description: 'Deliveries sent in the window' }) sent: number;
  @Field(() => Int, { description: 'Deliveries that failed their last attempt (dead-lettered)' }) dead: number;
  @Field(() => Int, { description: 'Deliveries being sent or waiting for a retry' }) sending: number;
  @Field(() => Int, { description: 'Deliveries with nobody left to send to' }) skipped: number;
  @Field(() => String, { nullable: true, description: 'The error of the latest delivery that had one (any time)' }) lastError: string | null;
  @Field(() => Date, { nullable: true, description: 'When that delivery was first claimed (the row keeps no time of the error itself)' }) lastErrorAt: Date | null;
}

@ObjectType('NotificationChannels')
export class NotificationChannelsObject {
  @Field({ description: 'Start of the window the counts cover (the last 7 days)' }) since: Date;
  @Field(() => [NotificationChannelStateObject]) channels: NotificationChannelStateObject[];
}
