import { makeCatalogItem, makeMaterial } from '#libs/catalog';
import { importOutcome, sameItem } from './import-plan.js';

describe('what an imported row does to its item', () => {
  const published = makeCatalogItem({ status: 'active', effectiveFrom: '2026-03-01T02:00:00.000Z' });

  it('creates a draft for an item never published', () => {
    expect(importOutcome(makeCatalogItem(), undefined, undefined)).toBe('created');
  });

  it('leaves a published item alone when the row says the same, whatever its status and effective date', () => {
    expect(importOutcome({ ...published, status: 'draft', effectiveFrom: undefined }, undefined, published)).toBe('unchanged');
  });

  it('creates a draft when the row changes a published item', () => {
    expect(importOutcome({ ...published, name: '食品经营许可（新办）' }, undefined, published)).toBe('created');
    expect(importOutcome({ ...published, effectiveUntil: '2030-01-01' }, undefined, published)).toBe('created');
  });

  it('updates a draft the row changes, and leaves one the row repeats', () => {
    const draft = makeCatalogItem({ status: 'draft' });
    expect(importOutcome(draft, draft, published)).toBe('unchanged');
    expect(importOutcome({ ...draft, status: 'active' }, draft, published)).toBe('updated');
  });

  it('compares as stored: keys in any order and null or absent alike, but a list in its order', () => {
    const item = makeCatalogItem();
    const reordered = Object.fromEntries(Object.entries(item).reverse());
    expect(sameItem(item, { ...reordered, effectiveUntil: null })).toBe(true);
    const materials = [makeMaterial({ name: '甲' }), makeMaterial({ name: '乙' })];
    expect(sameItem({ ...item, materials }, { ...item, materials: [...materials].reverse() })).toBe(false);
    expect(sameItem({ ...item, materials }, { ...item, materials: [{ ...materials[0]!, notes: '' }, materials[1]!] })).toBe(false);
  });
});
