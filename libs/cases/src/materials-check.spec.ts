import { applyCountyImplementation, makeCatalogItem, makeCountyImplementation, makeMaterial } from '#libs/catalog';
import { checkMaterials, missingNames, type BroughtMaterial } from './materials-check.js';

/** 申请书 (original, required), 营业执照 (one copy, required), 授权委托书 (original, when someone else applies). */
const item = makeCatalogItem();
const ALL: BroughtMaterial[] = [
  { name: '食品经营许可申请书', originals: 1, copies: 0 },
  { name: '营业执照', originals: 0, copies: 1 },
];

describe('materials check', () => {
  it('finds a complete application complete', () => {
    expect(checkMaterials(item, ALL)).toEqual({ complete: true, missing: [], unexpected: [] });
  });

  it('lists every missing required material at once, with what the checklist asks', () => {
    const sut = checkMaterials(item, []);
    expect(sut.complete).toBe(false);
    expect(sut.missing).toEqual([
      { name: '食品经营许可申请书', reason: 'absent', originals: 1, copies: 0 },
      { name: '营业执照', reason: 'absent', originals: 0, copies: 1 },
    ]);
    expect(missingNames(sut)).toEqual(['食品经营许可申请书', '营业执照']);
  });

  it('asks for a conditional material only when its circumstance applies', () => {
    expect(checkMaterials(item, ALL, ['授权委托书']).missing.map((m) => m.name)).toEqual(['授权委托书']);
    expect(checkMaterials(item, [...ALL, { name: '授权委托书', originals: 1, copies: 0 }], ['授权委托书']).complete).toBe(true);
  });

  it('counts originals and copies', () => {
    expect(checkMaterials(item, [{ ...ALL[0]!, originals: 0, copies: 1 }, ALL[1]!]).missing).toEqual([{ name: '食品经营许可申请书', reason: 'too_few_originals', originals: 1, copies: 0 }]);
    expect(checkMaterials(item, [ALL[0]!, { ...ALL[1]!, copies: 0 }]).missing[0]!.reason).toBe('too_few_copies');
  });

  it('takes an electronic copy only where the checklist accepts one', () => {
    const electronic = makeCatalogItem({ materials: [makeMaterial({ name: '身份证', forms: ['original', 'electronic'] })] });
    expect(checkMaterials(electronic, [{ name: '身份证', originals: 0, copies: 0, electronic: true }]).complete).toBe(true);
    const paper = makeCatalogItem({ materials: [makeMaterial({ name: '身份证', forms: ['original'] })] });
    expect(checkMaterials(paper, [{ name: '身份证', originals: 0, copies: 0, electronic: true }]).missing[0]!.reason).toBe('too_few_originals');
  });

  it('treats a material listed with nothing brought as absent', () => {
    const noCount = makeCatalogItem({ materials: [makeMaterial({ name: '承诺书', originals: 0, copies: 0 })] });
    expect(checkMaterials(noCount, [{ name: '承诺书', originals: 0, copies: 0 }]).missing[0]!.reason).toBe('absent');
  });

  it('keeps what was brought but not asked for, without refusing for it', () => {
    const sut = checkMaterials(item, [...ALL, { name: '户口本', originals: 1, copies: 0 }]);
    expect([sut.complete, sut.unexpected]).toEqual([true, ['户口本']]);
  });

  it('checks against the county\'s implementation-list view of the item alike', () => {
    const view = applyCountyImplementation(item, makeCountyImplementation());
    expect(checkMaterials(view, ALL).complete).toBe(true);
    expect(missingNames(checkMaterials(view, ALL.slice(1)))).toEqual(['食品经营许可申请书']);
  });

  it('finds nothing missing for a matter that needs no materials', () => {
    expect(checkMaterials(makeCatalogItem({ materials: [], noMaterialsRequired: true }), []).complete).toBe(true);
  });
});
