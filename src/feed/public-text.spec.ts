import { maskPersonalText } from './public-text.js';

describe('public text masking', () => {
  it('masks mainland mobile numbers however they are written', () => {
    expect(maskPersonalText('请联系我13812341234，谢谢')).toBe('请联系我138****1234，谢谢');
    expect(maskPersonalText('电话：+86 138 1234 1234。')).toBe('电话：138****1234。');
    expect(maskPersonalText('138-1234-1234')).toBe('138****1234');
  });
  it('masks resident ID card numbers', () => {
    expect(maskPersonalText('身份证36090219800101123X')).toBe('身份证360902********123X');
  });
  it('masks the author’s own name wherever it occurs', () => {
    expect(maskPersonalText('我是欧阳建国，欧阳建国的家在秀江路', ['欧阳建国'])).toBe('我是欧***，欧***的家在秀江路');
    expect(maskPersonalText('张三同志：您好', ['张三', null])).toBe('张*同志：您好');
    expect(maskPersonalText('王府井', ['王'])).toBe('王府井');
  });
  it('leaves other numbers alone', () => {
    expect(maskPersonalText('12路公交 2026年 0795-3281234 第56期 123456789012')).toBe('12路公交 2026年 0795-3281234 第56期 123456789012');
  });
});
