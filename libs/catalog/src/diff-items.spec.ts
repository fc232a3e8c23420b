import { diffItems as sut } from './diff-items.js';
import { makeCatalogItem, makeMaterial } from './testing/catalog-item.factory.js';

describe('diffItems', () => {
  it('finds no change between two equal versions', () => {
    expect(sut(makeCatalogItem(), makeCatalogItem())).toEqual([]);
  });

  it('reports a changed scalar with its value before and after', () => {
    expect(sut(makeCatalogItem(), makeCatalogItem({ name: '食品经营许可（新办）' }))).toEqual([{ path: 'name', before: '食品经营许可', after: '食品经营许可（新办）' }]);
  });

  it('reports a change inside a nested object by its dotted path', () => {
    const after = makeCatalogItem({ committedTimeLimit: { days: 3, unit: 'working-day' } });
    expect(sut(makeCatalogItem(), after)).toEqual([{ path: 'committedTimeLimit.days', before: 5, after: 3 }]);
  });

  it('reports a change inside a material by its place in the list', () => {
    const after = makeCatalogItem();
    after.materials[2] = { ...after.materials[2], copies: 2, forms: ['original', 'copy'] };
    expect(sut(makeCatalogItem(), after)).toEqual([
      { path: 'materials[2].forms', before: ['original'], after: ['original', 'copy'] },
      { path: 'materials[2].copies', before: 0, after: 2 },
    ]);
  });

  it('reports an added material whole and a removed one whole', () => {
    const before = makeCatalogItem();
    const added = makeMaterial({ name: '健康证明' });
    const after = makeCatalogItem({ materials: [...before.materials, added] });
    expect(sut(before, after)).toEqual([{ path: 'materials[3]', before: undefined, after: added }]);
    expect(sut(after, before)).toEqual([{ path: 'materials[3]', before: added, after: undefined }]);
  });

  it('matches materials by name, so one inserted at the top is the only change', () => {
    const before = makeCatalogItem();
    const added = makeMaterial({ name: '健康证明' });
    const after = makeCatalogItem({ materials: [added, ...before.materials] });
    expect(sut(before, after)).toEqual([{ path: 'materials[0]', before: undefined, after: added }]);
  });

  it('falls back to positions when two entries share a name', () => {
    const before = makeCatalogItem({ materials: [makeMaterial({ name: '证明' }), makeMaterial({ name: '证明', copies: 1, forms: ['original', 'copy'] })] });
    const after = makeCatalogItem({ materials: [makeMaterial({ name: '证明', copies: 1, forms: ['original', 'copy'] }), makeMaterial({ name: '证明' })] });
    expect(sut(before, after).map((c) => c.path)).toEqual(['materials[0].forms', 'materials[0].copies', 'materials[1].forms', 'materials[1].copies']);
  });

  it('reports a list of codes or words as one value', () => {
    expect(sut(makeCatalogItem(), makeCatalogItem({ keywords: ['餐饮', '饭店'] }))).toEqual([{ path: 'keywords', before: ['餐饮', '食品'], after: ['餐饮', '饭店'] }]);
    expect(sut(makeCatalogItem(), makeCatalogItem({ intakeLevels: ['county'] }))).toEqual([{ path: 'intakeLevels', before: ['township', 'county'], after: ['county'] }]);
  });

  it('reports a field that appears or disappears', () => {
    expect(sut(makeCatalogItem(), makeCatalogItem({ effectiveUntil: '2026-01-01' }))).toEqual([{ path: 'effectiveUntil', before: undefined, after: '2026-01-01' }]);
    expect(sut(makeCatalogItem({ fee: { charged: true, standard: '10 元', basis: '文件' } }), makeCatalogItem())).toEqual([
      { path: 'fee.charged', before: true, after: false },
      { path: 'fee.standard', before: '10 元', after: undefined },
      { path: 'fee.basis', before: '文件', after: undefined },
    ]);
  });

  it('treats an absent field and a null one as the same', () => {
    expect(sut({ ...makeCatalogItem(), effectiveUntil: null }, makeCatalogItem())).toEqual([]);
  });

  it('lists several changes in field order', () => {
    const after = makeCatalogItem({ status: 'suspended', name: '新名称', decisionLevel: 'city' });
    expect(sut(makeCatalogItem(), after).map((c) => c.path)).toEqual(['name', 'decisionLevel', 'status']);
  });
});
