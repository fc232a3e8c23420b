import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateNested } from 'class-validator';

export const NODE_CODE = /^\d{12}$/;
/** A target is one node (its code), every node (`*`), or a node and everything under it (`area:<code>`). */
export const TARGET = /^(\d{12}|\*|area:\d{12})$/;

export const ACTOR_KINDS = ['staff', 'system'] as const;

export class Actor {
  @IsIn(ACTOR_KINDS)
  kind: (typeof ACTOR_KINDS)[number];

  /** The staff member's id, or the name of the system component for `system`. */
  @IsString()
  @MaxLength(100)
  id: string;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  role?: string;
}

/** The one envelope every event travels in; the payload is checked against its declared class. */
export class EventEnvelope<P extends object = Record<string, unknown>> {
  @IsUUID('7')
  id: string;

  @Matches(/^[a-z]+(\.[a-z-]+)+$/, { message: 'type must look like "area.event-name"' })
  type: string;

  @IsInt()
  @Min(1)
  schemaVersion: number;

  @Matches(NODE_CODE, { message: 'source must be a 12-digit node code' })
  source: string;

  @Matches(TARGET, { message: 'target must be a 12-digit node code, "*" or "area:<code>"' })
  target: string;

  /** What the event is ordered by: a case number, a catalog item code. */
  @IsString()
  @MaxLength(200)
  key: string;

  /** The aggregate's version after this change; lets a consumer recognise a stale event. */
  @IsOptional()
  @IsInt()
  @Min(0)
  keyVersion?: number;

  @IsISO8601({ strict: true })
  occurredAt: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => Actor)
  actor: Actor;

  @IsUUID()
  correlationId: string;

  @IsOptional()
  @IsUUID()
  causationId?: string;

  @IsObject()
  payload: P;
}
