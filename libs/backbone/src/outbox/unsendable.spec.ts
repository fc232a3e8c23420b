import { unsendableReason } from './unsendable.js';

const protocolError = (type: string, retriable: boolean) => Object.assign(new Error(type), { name: 'KafkaJSProtocolError', type, retriable });

describe('unsendableReason', () => {
  it('names a message the broker finds too large', () => {
    expect(unsendableReason(protocolError('MESSAGE_TOO_LARGE', false))).toBe('MESSAGE_TOO_LARGE');
  });

  it('looks through kafkajs wrappers: retries exceeded, aggregate errors, causes', () => {
    const retries = Object.assign(new Error('retries exceeded'), { name: 'KafkaJSNumberOfRetriesExceeded', originalError: protocolError('UNKNOWN_TOPIC_OR_PARTITION', true) });
    expect(unsendableReason(retries)).toBe('UNKNOWN_TOPIC_OR_PARTITION');
    expect(unsendableReason(Object.assign(new Error('aggregate'), { errors: [new Error('other'), protocolError('RECORD_LIST_TOO_LARGE', false)] }))).toBe('RECORD_LIST_TOO_LARGE');
    expect(unsendableReason(new Error('outer', { cause: protocolError('INVALID_TOPIC_EXCEPTION', false) }))).toBe('INVALID_TOPIC_EXCEPTION');
  });

  it('says nothing of failures a retry may cure: a broker down, a leader moving, a timeout', () => {
    expect(unsendableReason(Object.assign(new Error('Connection error: connect ECONNREFUSED'), { name: 'KafkaJSConnectionError' }))).toBeUndefined();
    expect(unsendableReason(protocolError('NOT_LEADER_FOR_PARTITION', true))).toBeUndefined();
    expect(unsendableReason(Object.assign(new Error('Request timed out'), { name: 'KafkaJSRequestTimeoutError' }))).toBeUndefined();
    expect(unsendableReason(undefined)).toBeUndefined();
  });

  it('does not loop on an error that refers to itself', () => {
    const e = new Error('self') as Error & { cause?: unknown };
    e.cause = e;
    expect(unsendableReason(e)).toBeUndefined();
  });
});
