import { describe, expect, it } from '@jest/globals';
import { describeTopic, splitEnvelope } from './dead-letter-view';

describe('describeTopic', () => {
  it('reads a link, marking this node, with codes whole', () => {
    expect(describeTopic('tongban.link.640104000000.640104100000', 'zh', '640104100000')).toBe('链路 640104000000 → 640104100000（本节点）');
    expect(describeTopic('tb-t1a2b3.link.640100000000.640104000000', 'en')).toBe('link 640100000000 → 640104000000');
  });

  it('reads the catalogs and the dead-letter topic, and leaves anything else as it is', () => {
    expect(describeTopic('tongban.catalog', 'zh')).toBe('统一事项目录');
    expect(describeTopic('tongban.catalog.640104000000', 'en')).toBe('county list 640104000000');
    expect(describeTopic('tongban.deadletter', 'zh')).toBe('死信主题');
    expect(describeTopic('something.else', 'zh')).toBe('something.else');
  });
});

describe('splitEnvelope', () => {
  it('splits an envelope into its headers and its payload', () => {
    const value = JSON.stringify({ id: 'e1', type: 'diagnostics.ping', source: '640104000000', payload: { seq: 1, message: '检查' } });
    expect(splitEnvelope(value)).toEqual({ headers: { id: 'e1', type: 'diagnostics.ping', source: '640104000000' }, payload: { seq: 1, message: '检查' } });
  });

  it('has no payload for JSON without one, and no headers for a value that is not JSON', () => {
    expect(splitEnvelope('{"id":"e1"}')).toEqual({ headers: { id: 'e1' }, payload: undefined });
    expect(splitEnvelope('not json {')).toEqual({ headers: null, payload: undefined });
    expect(splitEnvelope('[1,2]')).toEqual({ headers: null, payload: [1, 2] });
  });
});
