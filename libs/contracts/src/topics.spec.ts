import { Topics } from './topics.js';

describe('Topics', () => {
  const sut = new Topics('tongban');

  it('names topics under the prefix', () => {
    expect(sut.area('640104000000')).toBe('tongban.area.640104000000');
    expect(sut.catalog).toBe('tongban.catalog');
    expect(sut.deadLetter).toBe('tongban.deadletter');
  });

  it('keeps the catalog compacted so the latest record per item code stays', () => {
    const spec = sut.catalogSpec();

    expect(spec.name).toBe('tongban.catalog');
    expect(spec.config['cleanup.policy']).toBe('compact');
    expect(spec.config).not.toHaveProperty('retention.ms');
  });

  it('deletes area traffic after thirty days rather than compacting it', () => {
    expect(sut.areaSpec('640104000000')).toEqual({
      name: 'tongban.area.640104000000',
      partitions: 6,
      config: { 'retention.ms': String(30 * 24 * 60 * 60 * 1000), 'cleanup.policy': 'delete' },
    });
  });

  it('matches every area topic with allAreas', () => {
    expect(sut.allAreas.test('tongban.area.640100000000')).toBe(true);
    expect(sut.allAreas.test('tongban.area.640121102000')).toBe(true);
  });

  it.each([
    'tongban.catalog',
    'tongban.deadletter',
    'tongban.area.64010400000',
    'tongban.area.6401040000000',
    'tongban.area.640104000000.retry',
    'other.area.640104000000',
    'xtongban.area.640104000000',
    'tongbanXareaX640104000000',
  ])('does not match %s with allAreas', (topic) => {
    expect(sut.allAreas.test(topic)).toBe(false);
  });

  it("matches only its own prefix's area topics when the prefix has a dash", () => {
    const dashed = new Topics('e2e-t1');

    expect(dashed.allAreas.test('e2e-t1.area.640104000000')).toBe(true);
    expect(dashed.allAreas.test('x-e2e-t1.area.640104000000')).toBe(false);
    expect(dashed.allAreas.test('tongban.area.640104000000')).toBe(false);
  });
});
