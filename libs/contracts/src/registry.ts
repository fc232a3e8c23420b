import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { type Tier, tierOfCode } from '#libs/config';
import { EventEnvelope } from './envelope.js';

/** How an event travels: on a link to one node, or broadcast on the city's or a county's catalog topic. */
export type Channel = 'link' | 'catalog' | 'county-catalog';

export interface EventDefinition<P extends object = object> {
  type: string;
  /** The newest schema version this code knows; a newer one is parked, never guessed at. */
  schemaVersion: number;
  payload: new () => P;
  /** Tiers allowed to send this event: a township cannot announce a county's decision. */
  senders: readonly Tier[];
  /** Tiers that receive it: each must handle it, or declare that it ignores it (checked at start). */
  receivers: readonly Tier[];
  channel: Channel;
}

export function defineEvent<P extends object>(def: EventDefinition<P>): EventDefinition<P> {
  return def;
}

/** Why an incoming message was refused; stable codes, also used as dead-letter reasons. */
export type RejectionCode = 'MALFORMED' | 'UNKNOWN_TYPE' | 'SCHEMA_TOO_NEW' | 'SOURCE_NOT_ALLOWED' | 'INVALID_PAYLOAD' | 'SOURCE_MISMATCH' | 'WRONG_CHANNEL' | 'UNKNOWN_CHANNEL';

/** What could be read of a refused message, for its dead letter: only strings that look right. */
export interface MessageGlimpse {
  id?: string;
  type?: string;
  source?: string;
  target?: string;
}

export type ParseResult =
  | { ok: true; envelope: EventEnvelope; definition: EventDefinition }
  | { ok: false; code: RejectionCode; reason: string; glimpse: MessageGlimpse };

function glimpseOf(raw: unknown): MessageGlimpse {
  if (typeof raw !== 'object' || raw === null) return {};
  const r = raw as Record<string, unknown>;
  const pick = (k: string, re: RegExp): string | undefined => (typeof r[k] === 'string' && re.test(r[k]) ? r[k] : undefined);
  return {
    id: pick('id', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i),
    type: pick('type', /^[a-z]+(\.[a-z-]+)+$/),
    source: pick('source', /^\d{12}$/),
    target: pick('target', /^(\d{12}|\*|area:\d{12})$/),
  };
}

export function describeErrors(errors: ValidationError[], path = ''): string[] {
  return errors.flatMap((e) => {
    const here = path ? `${path}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => `${here}: ${m}`);
    return [...own, ...describeErrors(e.children ?? [], here)];
  });
}

export class EventRegistry {
  private readonly defs = new Map<string, EventDefinition>();

  constructor(definitions: EventDefinition[]) {
    for (const d of definitions) {
      if (this.defs.has(d.type)) throw new Error(`Event type ${d.type} is declared twice.`);
      this.defs.set(d.type, d);
    }
  }

  get(type: string): EventDefinition | undefined {
    return this.defs.get(type);
  }

  types(): string[] {
    return [...this.defs.keys()];
  }

  /** Parses and checks a message from Kafka: envelope, version, sender's right, payload. */
  parse(value: Buffer | string | null): ParseResult {
    if (value === null) return { ok: false, code: 'MALFORMED', reason: 'the message has no value (a tombstone or an empty record)', glimpse: {} };
    let raw: unknown;
    try {
      raw = JSON.parse(typeof value === 'string' ? value : value.toString('utf8'));
    } catch {
      return { ok: false, code: 'MALFORMED', reason: 'the message is not JSON', glimpse: {} };
    }
    const glimpse = glimpseOf(raw);
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, code: 'MALFORMED', reason: 'the message is not a JSON object', glimpse };
    // The payload is transformed once, into its declared class below: not first as a plain copy here.
    const { payload: rawPayload, ...head } = raw as Record<string, unknown>;
    const envelope = plainToInstance(EventEnvelope, head);
    envelope.payload = rawPayload as Record<string, unknown>;
    const envErrors = describeErrors(validateSync(envelope));
    if (envErrors.length > 0) return { ok: false, code: 'MALFORMED', reason: `invalid envelope: ${envErrors.join('; ')}`, glimpse };
    const def = this.defs.get(envelope.type);
    if (!def) return { ok: false, code: 'UNKNOWN_TYPE', reason: `unknown event type ${envelope.type}`, glimpse };
    if (envelope.schemaVersion > def.schemaVersion) {
      return { ok: false, code: 'SCHEMA_TOO_NEW', reason: `${envelope.type} schema version ${envelope.schemaVersion} is newer than the ${def.schemaVersion} this node knows`, glimpse };
    }
    const tier = tierOfCode(envelope.source);
    if (!tier || !def.senders.includes(tier)) {
      return { ok: false, code: 'SOURCE_NOT_ALLOWED', reason: `a ${tier ?? 'unknown'} node (${envelope.source}) may not send ${envelope.type}`, glimpse };
    }
    const payload = plainToInstance(def.payload, envelope.payload);
    const payloadErrors = describeErrors(validateSync(payload, { whitelist: true, forbidNonWhitelisted: false }));
    if (payloadErrors.length > 0) return { ok: false, code: 'INVALID_PAYLOAD', reason: `invalid ${envelope.type} payload: ${payloadErrors.join('; ')}`, glimpse };
    envelope.payload = payload as unknown as Record<string, unknown>;
    return { ok: true, envelope, definition: def };
  }
}
