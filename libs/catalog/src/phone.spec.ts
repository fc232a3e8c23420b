import { isPhoneNumber as sut } from './phone.js';

describe('isPhoneNumber', () => {
  it.each(['0951-6192345', '09516192345', '010-62345678', '0951-6192345-801', '13995012345', '12345', '12315', '400-810-1234', '4008101234'])(
    'accepts %s',
    (phone) => {
      expect(sut(phone)).toBe(true);
    },
  );

  it.each(['', '6192345', '0951 6192345', '0951-619234', '1399501234', '23995012345', 'abc-defghij', '12345a', '+86 13995012345', '0951-0192345'])('refuses %s', (phone) => {
    expect(sut(phone)).toBe(false);
  });

  it('refuses values that are not strings', () => {
    expect(sut(13995012345)).toBe(false);
    expect(sut(null)).toBe(false);
  });
});
