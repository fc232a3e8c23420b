import 'reflect-metadata';
import { IsString, MaxLength } from 'class-validator';
import { v7 as uuidv7 } from 'uuid';
import { ALL_EVENTS, PingEvent, PingPayload } from './events/index.js';
import { type EventDefinition, EventRegistry, type ParseResult, defineEvent } from './registry.js';

class DecisionPayload {
  @IsString()
  @MaxLength(20)
  decision: string;
}

/** A test-only event only a county may send. */
const CountyDecision = defineEvent({
  type: 'test.county-decision',
  schemaVersion: 2,
  payload: DecisionPayload,
  senders: ['county'],
  receivers: ['township'],
  channel: 'link',
});

const envelope = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: uuidv7(),
  type: 'diagnostics.ping',
  schemaVersion: 1,
  source: '640104000000',
  target: '640104100000',
  key: 'ping-1',
  occurredAt: '2026-03-02T08:30:00.000Z',
  actor: { kind: 'staff', id: 'staff-7', role: 'clerk' },
  correlationId: uuidv7(),
  payload: { message: '你好', seq: 1 },
  ...over,
});

const json = (value: unknown): string => JSON.stringify(value);

function rejection(result: ParseResult): { code: string; reason: string } {
  if (result.ok) throw new Error('the registry accepted a message it should refuse');
  return { code: result.code, reason: result.reason };
}

describe('EventRegistry.parse', () => {
  const sut = new EventRegistry(ALL_EVENTS);

  it('parses a valid diagnostics.ping envelope and types its payload', () => {
    const sent = envelope();

    const result = sut.parse(Buffer.from(json(sent), 'utf8'));

    if (!result.ok) throw new Error(`refused: ${result.code} ${result.reason}`);
    expect(result.definition).toBe(PingEvent);
    expect(result.envelope).toMatchObject({ id: sent.id, type: 'diagnostics.ping', source: '640104000000', target: '640104100000' });
    expect(result.envelope.payload).toBeInstanceOf(PingPayload);
    expect(result.envelope.payload).toEqual({ message: '你好', seq: 1 });
  });

  it.each(['area:640104000000', '*'])('parses a ping addressed to %s', (target) => {
    expect(sut.parse(json(envelope({ target }))).ok).toBe(true);
  });

  it('parses a ping from a township, which every tier may send', () => {
    expect(sut.parse(json(envelope({ source: '640104100000', target: '640104000000' }))).ok).toBe(true);
  });

  it.each([
    ['text that is not JSON', 'not json'],
    ['a truncated object', '{"id":'],
    ['an empty message', ''],
  ])('refuses %s as MALFORMED', (_what, value) => {
    expect(rejection(sut.parse(value))).toEqual({ code: 'MALFORMED', reason: 'the message is not JSON' });
  });

  it('refuses a tombstone (null value) as MALFORMED', () => {
    expect(rejection(sut.parse(null)).code).toBe('MALFORMED');
  });

  it.each([['[]'], ['"text"'], ['42'], ['null']])('refuses the JSON %s, which is not an object, as MALFORMED', (value) => {
    expect(rejection(sut.parse(value))).toEqual({ code: 'MALFORMED', reason: 'the message is not a JSON object' });
  });

  it.each(['id', 'type', 'schemaVersion', 'source', 'target', 'key', 'occurredAt', 'actor', 'correlationId', 'payload'])(
    'refuses an envelope without %s as MALFORMED, naming the field',
    (field) => {
      const incomplete = envelope();
      delete incomplete[field];

      const { code, reason } = rejection(sut.parse(json(incomplete)));

      expect(code).toBe('MALFORMED');
      expect(reason).toMatch(new RegExp(`^invalid envelope: (.*; )?${field}: `));
    },
  );

  it('refuses an envelope whose actor lacks its kind, naming actor.kind', () => {
    const { code, reason } = rejection(sut.parse(json(envelope({ actor: { id: 'staff-7' } }))));

    expect(code).toBe('MALFORMED');
    expect(reason).toContain('actor.kind: ');
  });

  it('refuses an id that is not a UUIDv7 as MALFORMED', () => {
    const { code, reason } = rejection(sut.parse(json(envelope({ id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427' }))));

    expect(code).toBe('MALFORMED');
    expect(reason).toContain('id: ');
  });

  it('refuses an unknown event type as UNKNOWN_TYPE', () => {
    expect(rejection(sut.parse(json(envelope({ type: 'cases.teleported' }))))).toEqual({ code: 'UNKNOWN_TYPE', reason: 'unknown event type cases.teleported' });
  });

  it('refuses a schemaVersion newer than the one it knows as SCHEMA_TOO_NEW', () => {
    expect(rejection(sut.parse(json(envelope({ schemaVersion: 2 }))))).toEqual({
      code: 'SCHEMA_TOO_NEW',
      reason: 'diagnostics.ping schema version 2 is newer than the 1 this node knows',
    });
  });

  it.each([
    ['province', '640000000000'],
    ['village', '640104100001'],
  ])('refuses a source that is a %s code as SOURCE_NOT_ALLOWED', (_kind, source) => {
    expect(rejection(sut.parse(json(envelope({ source }))))).toEqual({
      code: 'SOURCE_NOT_ALLOWED',
      reason: `a unknown node (${source}) may not send diagnostics.ping`,
    });
  });

  it('refuses an invalid payload as INVALID_PAYLOAD, naming the payload field', () => {
    const { code, reason } = rejection(sut.parse(json(envelope({ payload: { message: '你好', seq: 0 } }))));

    expect(code).toBe('INVALID_PAYLOAD');
    expect(reason).toMatch(/^invalid diagnostics\.ping payload: seq: /);
  });

  it('refuses a payload without its required field as INVALID_PAYLOAD, naming it', () => {
    const { code, reason } = rejection(sut.parse(json(envelope({ payload: { seq: 1 } }))));

    expect(code).toBe('INVALID_PAYLOAD');
    expect(reason).toContain('message: ');
  });

  it('drops payload fields the payload class does not declare', () => {
    const result = sut.parse(json(envelope({ payload: { message: '你好', extra: 'x' } })));

    if (!result.ok) throw new Error(`refused: ${result.code} ${result.reason}`);
    expect(result.envelope.payload).not.toHaveProperty('extra');
  });
});

describe('EventRegistry with an event only a county may send', () => {
  const sut = new EventRegistry([...ALL_EVENTS, CountyDecision as EventDefinition]);
  const decision = (source: string) => json(envelope({ type: 'test.county-decision', schemaVersion: 2, source, target: 'area:' + source, payload: { decision: '受理' } }));

  it('accepts it from a county', () => {
    const result = sut.parse(decision('640104000000'));

    expect(result.ok).toBe(true);
    expect(result.ok && result.definition).toBe(CountyDecision);
  });

  it('refuses it from a township as SOURCE_NOT_ALLOWED', () => {
    expect(rejection(sut.parse(decision('640104100000')))).toEqual({
      code: 'SOURCE_NOT_ALLOWED',
      reason: 'a township node (640104100000) may not send test.county-decision',
    });
  });

  it('refuses it from the city as SOURCE_NOT_ALLOWED', () => {
    expect(rejection(sut.parse(decision('640100000000'))).code).toBe('SOURCE_NOT_ALLOWED');
  });

  it('accepts an older schemaVersion than the one it knows', () => {
    expect(sut.parse(json(envelope({ type: 'test.county-decision', schemaVersion: 1, payload: { decision: '受理' } }))).ok).toBe(true);
  });

  it('lists the declared types', () => {
    expect(sut.types()).toEqual([...ALL_EVENTS.map((e) => e.type), 'test.county-decision']);
  });
});

describe('EventRegistry construction', () => {
  it('refuses an event type declared twice', () => {
    expect(() => new EventRegistry([PingEvent as EventDefinition, { ...PingEvent } as EventDefinition])).toThrow('Event type diagnostics.ping is declared twice.');
  });
});

describe('EventRegistry.parse: what a refused message still shows', () => {
  const sut = new EventRegistry(ALL_EVENTS);

  it('refuses a record with no value (a tombstone) instead of skipping it silently', () => {
    expect(rejection(sut.parse(null))).toEqual({ code: 'MALFORMED', reason: 'the message has no value (a tombstone or an empty record)' });
  });

  it('keeps the readable id, type and source of a message refused for its payload', () => {
    const sent = envelope({ payload: { message: 42 } });
    const result = sut.parse(json(sent));

    if (result.ok) throw new Error('accepted an invalid payload');
    expect(result.code).toBe('INVALID_PAYLOAD');
    expect(result.glimpse).toEqual({ id: sent.id, type: 'diagnostics.ping', source: '640104000000', target: '640104100000' });
  });

  it('shows nothing it cannot trust: a malformed id or source stays out of the glimpse', () => {
    const result = sut.parse(json(envelope({ id: "x'; drop table", source: '6401' })));

    if (result.ok) throw new Error('accepted a malformed envelope');
    expect(result.glimpse).toEqual({ id: undefined, type: 'diagnostics.ping', source: undefined, target: '640104100000' });
  });
});
