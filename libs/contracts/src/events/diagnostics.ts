import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { defineEvent } from '../registry.js';

export class PingPayload {
  @IsString()
  @MaxLength(500)
  message: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  sentAt?: string;

  /** Position of this event among those sent with the same key, from 1. */
  @IsOptional()
  @IsInt()
  @Min(1)
  seq?: number;
}

/** A diagnostic message from one node to another, used to prove the path between them. */
export const PingEvent = defineEvent({
  type: 'diagnostics.ping',
  schemaVersion: 1,
  payload: PingPayload,
  senders: ['city', 'county', 'township'],
  receivers: ['city', 'county', 'township'],
  channel: 'link',
});
