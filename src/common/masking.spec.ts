import { maskName, maskPhone, normalizePhone } from './masking.js';

describe('masking', () => {
  it('masks phones as 138****1234', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('+86 138 1234 1234')).toBe('138****1234');
  });
  it('masks names keeping the first character', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳修')).toBe('欧**');
    expect(maskName('张')).toBe('张*');
  });
  it('normalizes mainland mobile numbers and refuses others', () => {
    expect(normalizePhone('+8613812341234')).toBe('13812341234');
    expect(normalizePhone('138-1234-1234')).toBe('13812341234');
    expect(normalizePhone('12345')).toBeNull();
    expect(normalizePhone('23812341234')).toBeNull();
  });
});
