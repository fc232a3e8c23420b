import { catalogItemKey } from './catalog.js';

describe('catalog item keys on the compacted topics', () => {
  it('gives every revision of an item its own key, so compaction keeps the one in force beside a future-dated one', () => {
    expect(catalogItemKey('01099960004640100001', 1)).not.toBe(catalogItemKey('01099960004640100001', 2));
  });

  it("keeps a county item's key apart from the city item's of the same code and revision", () => {
    expect(catalogItemKey('01099950004640100001', 1, '640104000000')).not.toBe(catalogItemKey('01099950004640100001', 1));
  });
});
