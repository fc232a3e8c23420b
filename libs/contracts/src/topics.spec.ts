import { Topics } from './topics.js';

describe('Topics', () => {
  const sut = new Topics('tongban');

  it('names topics under the prefix', () => {
    expect(sut.link('640104000000', '640104100000')).toBe('tongban.link.640104000000.640104100000');
    expect(sut.catalog).toBe('tongban.catalog');
    expect(sut.countyCatalog('640104000000')).toBe('tongban.catalog.640104000000');
    expect(sut.deadLetter).toBe('tongban.deadletter');
  });

  it('keeps the catalog compacted so the latest record per item code stays', () => {
    const spec = sut.catalogSpec();

    expect(spec.name).toBe('tongban.catalog');
    expect(spec.config['cleanup.policy']).toBe('compact');
    expect(spec.config).not.toHaveProperty('retention.ms');
  });

  it('gives a link one partition and deletes its traffic after thirty days', () => {
    expect(sut.linkSpec('640104100000', '640104000000')).toEqual({
      name: 'tongban.link.640104100000.640104000000',
      partitions: 1,
      config: { 'retention.ms': String(30 * 24 * 60 * 60 * 1000), 'cleanup.policy': 'delete' },
    });
  });

  it('reads back who wrote a topic from its name', () => {
    expect(sut.kindOf('tongban.link.640104100000.640104000000')).toEqual({ kind: 'link', from: '640104100000', to: '640104000000' });
    expect(sut.kindOf('tongban.catalog')).toEqual({ kind: 'catalog' });
    expect(sut.kindOf('tongban.catalog.640121000000')).toEqual({ kind: 'county-catalog', county: '640121000000' });
    expect(sut.kindOf('tongban.deadletter')).toEqual({ kind: 'deadletter' });
  });

  it.each([
    'tongban.link.640104100000',
    'tongban.link.64010410000.640104000000',
    'tongban.link.640104100000.640104000000.x',
    'xtongban.catalog',
    'tongban-2.catalog',
    'tongban.area.640104000000',
  ])('knows no writer for %s', (topic) => {
    expect(sut.kindOf(topic)).toBeUndefined();
  });

  it('reads only its own prefix when the prefix has a dash', () => {
    const dashed = new Topics('e2e-t1');

    expect(dashed.kindOf('e2e-t1.catalog')).toEqual({ kind: 'catalog' });
    expect(dashed.kindOf('e2eXt1.catalog')).toBeUndefined();
    expect(dashed.kindOf('tongban.catalog')).toBeUndefined();
  });
});
