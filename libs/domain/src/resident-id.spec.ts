import { isResidentId, maskResidentId, maskResidentIdsInText, residentIdCheckChar } from './resident-id.js';

describe('resident IDs (GB 11643)', () => {
  it('accepts the standard example and computes its check character', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(isResidentId('11010519491231002X')).toBe(true);
  });

  it('refuses a wrong check character, a lower-case x, a wrong length and a leading zero', () => {
    expect(isResidentId('110105194912310021')).toBe(false);
    expect(isResidentId('11010519491231002x')).toBe(false);
    expect(isResidentId('1101051949123100')).toBe(false);
    expect(isResidentId('01010519491231002X')).toBe(false);
  });

  it('masks all but the first four and the last four characters', () => {
    expect(maskResidentId('11010519491231002X')).toBe('1101**********002X');
  });

  it('masks a short value completely', () => {
    expect(maskResidentId('1234')).toBe('****');
  });

  it('masks every ID-shaped run in a text, valid or not, and leaves other numbers alone', () => {
    const text = '{"msg":"GET /staff?q=11010519491231002X","other":"110105194912310021","code":"640104100000","big":"12345678901234567890"}';
    const masked = maskResidentIdsInText(text);
    expect(masked).not.toContain('11010519491231002X');
    expect(masked).not.toContain('110105194912310021');
    expect(masked).toContain('1101**********002X');
    expect(masked).toContain('640104100000');
    expect(masked).toContain('12345678901234567890');
  });

  it('masks an ID followed by a lower-case x', () => {
    expect(maskResidentIdsInText('id 11010519491231002x.')).toBe('id 1101**********002x.');
  });
});
