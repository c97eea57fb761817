import fc from 'fast-check';
import { maskName, maskPersonalText, maskPhone, normalizePhone } from './masking.js';

// Issue 12 §1: one masker, tested with generators of the ways personal data is really written.

const FULL_WIDTH = (d: string) => String.fromCharCode(0xff10 + Number(d));
const HAN = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const HAN_ALT: Record<string, string[]> = { '0': ['零'], '1': ['幺', '壹'], '2': ['贰'], '3': ['叁'], '4': ['肆'], '5': ['伍'], '6': ['陆'], '7': ['柒'], '8': ['捌'], '9': ['玖'] };
const SEPARATORS = [' ', '.', '/', '-', '_', '(', ')', '（', '）', '【', '】', '[', ']', '·', '\u200b', '　', '．', '／', '＿', '－', ' - ', '  ', ') '];

const HAN_INDEX = new Map<string, string>([...HAN.map((h, i) => [h, String(i)] as const), ...Object.entries(HAN_ALT).flatMap(([d, hs]) => hs.map((h) => [h, d] as const))]);
/** Every digit in some script: ASCII, full-width, Chinese numerals (with 幺 and capitals). */
const digitForm = (d: string) => fc.constantFrom(d, FULL_WIDTH(d), HAN[Number(d)]!, ...HAN_ALT[d]!);
/** A number written digit by digit, in one script or mixed, split anywhere by separators. */
function written(digits: string, options: { splitEveryDigit?: boolean } = {}): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom<'ascii' | 'full' | 'han' | 'mixed'>('ascii', 'full', 'han', 'mixed'),
      fc.tuple(...[...digits].map((d) => digitForm(d))),
      fc.array(fc.option(fc.constantFrom(...SEPARATORS), { freq: options.splitEveryDigit ? 1 : 3 }), { minLength: digits.length, maxLength: digits.length }),
    )
    .map(([script, mixed, seps]) => {
      const chars = [...digits].map((d, i) => (script === 'ascii' ? d : script === 'full' ? FULL_WIDTH(d) : script === 'han' ? HAN[Number(d)]! : mixed[i]!));
      // Where the script changes the digits touch (一三八138…); a separator sits only inside one script.
      return chars.map((ch, i) => (i > 0 && HAN_INDEX.has(ch) === HAN_INDEX.has(chars[i - 1]!) ? (seps[i] ?? '') : '') + ch).join('');
    });
}

const digitString = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
const mobile = fc.tuple(fc.constantFrom('3', '4', '5', '6', '7', '8', '9'), digitString(9)).map(([b, rest]) => `1${b}${rest}`);
const landline = fc.oneof(
  fc.tuple(fc.constantFrom('010', '021', '022', '023', '024', '025', '027', '028', '029', '020'), fc.integer({ min: 2, max: 9 }), digitString(7)).map(([a, f, r]) => ({ area: a, local: `${f}${r}` })),
  fc.tuple(fc.constantFrom('0795', '0755', '0571', '0512', '0731', '0898'), fc.integer({ min: 2, max: 9 }), digitString(6), fc.boolean()).map(([a, f, r, eight]) => ({ area: a, local: `${f}${r}${eight ? '5' : ''}` })),
);
const idNumber = fc
  .tuple(fc.integer({ min: 110000, max: 659999 }), fc.date({ min: new Date('1930-01-01'), max: new Date('2015-12-31'), noInvalidDate: true }), digitString(3), fc.constantFrom('0', '1', '5', '9', 'X'))
  .map(([region, born, seq, check]) => `${region}${born.toISOString().slice(0, 10).replace(/-/g, '')}${seq}${check}`);
const prose = fc.array(fc.constantFrom('我家住在秀江路', '请尽快处理', '路灯坏了', '谢谢', '，', '。', ' ', '建议', '小区门口', '电话', '联系我', '：', '手机号', '身份证', 'hello', 'Max'), { maxLength: 4 }).map((a) => a.join(''));

/** The digits a reader would read in a text, whatever their script (what a guesser looks for). */
function digitsIn(text: string): string {
  return [...text]
    .map((ch) => {
      const f = ch.normalize('NFKC');
      if (/^[0-9]$/.test(f)) return f;
      return HAN_INDEX.get(ch) ?? (f === 'X' || f === 'x' ? 'X' : '');
    })
    .join('');
}

const RUNS = { numRuns: Number(process.env.MASKING_RUNS ?? 400) };

describe('the masker', () => {
  it('masks mobile numbers written in any script, split by any separator, with or without +86', () => {
    fc.assert(
      fc.property(prose, mobile, fc.constantFrom('', '+86 ', '0086', '86-', '＋８６'), prose, (before, number, prefix, after) => {
        fc.pre(!/[0-9]$/.test(before));
        return fc.assert(
          fc.property(written(number), (form) => {
            const out = maskPersonalText(`${before}${prefix}${form}${after}`);
            expect(digitsIn(out)).not.toContain(number);
            expect(out).toContain(maskPhone(number));
          }),
          { numRuns: 5 },
        );
      }),
      { numRuns: 150 },
    );
  });

  it('masks a mobile number split to look like a date, and leaves a date alone (found by the property above)', () => {
    expect(digitsIn(maskPersonalText('86-1931/6/30 1100'))).not.toContain('19316301100');
    expect(digitsIn(maskPersonalText('电话1931/6/30 1100，谢谢'))).not.toContain('19316301100');
    for (const date of ['1998/6/30 开会', '1931/6/30', '2026-01-15 12345']) expect(maskPersonalText(date)).toBe(date);
  });

  it('masks mobile numbers split after every digit', () => {
    fc.assert(
      fc.property(mobile.chain((n) => fc.tuple(fc.constant(n), written(n, { splitEveryDigit: true }))), prose, ([number, form], after) => {
        expect(digitsIn(maskPersonalText(`电话${form}${after}`))).not.toContain(number);
      }),
      RUNS,
    );
  });

  it('masks landline numbers with their area code', () => {
    const toFullWidth = (t: string) => t.replace(/[0-9]/g, FULL_WIDTH);
    fc.assert(
      fc.property(
        landline.chain((l) =>
          fc.tuple(
            fc.constant(l),
            fc.oneof(
              written(l.area + l.local),
              fc.tuple(fc.constantFrom('-', ' ', '', ')', ') ', '－', '/', '—'), fc.boolean(), fc.boolean()).map(([sep, bracket, full]) => {
                const t = `${bracket ? '(' : ''}${l.area}${sep}${l.local}`;
                return full ? toFullWidth(t) : t;
              }),
            ),
          ),
        ),
        prose,
        ([l, form], before) => {
          fc.pre(!/[0-9]$/.test(before));
          const out = maskPersonalText(`${before}${form}。`);
          expect(digitsIn(out)).not.toContain(l.local);
        },
      ),
      RUNS,
    );
  });

  it('masks a bare local number where the text says it is a phone', () => {
    expect(maskPersonalText('座机：3281234')).toBe('座机：*****34');
    expect(maskPersonalText('联系电话 8328 1234')).toBe('联系电话 ******34');
    expect(maskPersonalText('我的QQ 123456789')).toBe('我的QQ *******89');
  });

  it('masks ID numbers, also with spaces or other separators and a lower-case or full-width X', () => {
    fc.assert(
      fc.property(
        idNumber.chain((id) => fc.tuple(fc.constant(id), fc.constantFrom('plain', 'groups', 'any'), written(id.replace(/X$/, '0')), fc.constantFrom('X', 'x', 'Ｘ'))),
        prose,
        ([id, style, any, x], before) => {
          fc.pre(!/[0-9]$/.test(before));
          const check = id.endsWith('X') ? x : id.slice(-1);
          const body = id.slice(0, 17);
          const text =
            style === 'plain' ? body + check : style === 'groups' ? `${body.slice(0, 6)} ${body.slice(6, 14)} ${body.slice(14)}${check}` : id.endsWith('X') ? any.slice(0, -1) + check : any;
          const out = maskPersonalText(`${before}${text}号`);
          expect(digitsIn(out)).not.toContain(id.slice(0, 17));
          expect(digitsIn(out)).not.toContain(id.slice(6, 14));
        },
      ),
      RUNS,
    );
  });

  it('masks e-mail addresses, also with full-width @ and dots', () => {
    const local = fc.stringMatching(/^[a-z][a-z0-9._]{3,11}[a-z0-9]$/);
    fc.assert(
      fc.property(local, fc.constantFrom('qq.com', '163.com', 'gmail.com', 'gov.cn', 'example.org.cn'), fc.constantFrom('@', '＠', ' @ ', '(at)'), fc.constantFrom('.', '．', '。'), prose, (name, domain, at, dot, before) => {
        fc.pre(!domain.includes(name));
        const out = maskPersonalText(`${before}邮箱${name}${at}${domain.replace(/\./g, dot)}，谢谢`);
        expect(out.normalize('NFKC').toLowerCase()).not.toContain(name);
        expect(out).toContain(`${name[0]}***@${domain}`);
      }),
      RUNS,
    );
  });

  it('masks the author’s name wherever it occurs, also spaced out', () => {
    expect(maskPersonalText('我是欧阳建国，欧阳建国的家在秀江路', ['欧阳建国'])).toBe('我是欧***，欧***的家在秀江路');
    expect(maskPersonalText('张三同志：您好', ['张三', null])).toBe('张*同志：您好');
    expect(maskPersonalText('落款：张 三', ['张三'])).toBe('落款：张*');
    expect(maskPersonalText('王府井', ['王'])).toBe('王府井');
  });

  it('masks a name the same way however often it is asked (its pattern is compiled once and shared)', () => {
    // Same name, many texts in a row (a feed page), and names that differ only by spaces around them.
    for (let i = 0; i < 3; i++) {
      expect(maskPersonalText(`李 四来信${i}，李四`, ['李四'])).toBe(`李*来信${i}，李*`);
      expect(maskPersonalText('李四', [' 李四 '])).toBe('李*');
      // A first character outside the BMP (a rare surname), and a text without it at all.
      expect(maskPersonalText('𠀋 三的信', ['𠀋三'])).toBe('𠀋*的信');
      expect(maskPersonalText('没有名字', ['𠀋三'])).toBe('没有名字');
    }
  });

  it('leaves ordinary numbers alone: dates, bus lines, amounts, issues, hotlines', () => {
    const ordinary = fc.constantFrom('12路公交', '2026年', '2026-01-15', '2026.01.15', '10:30', '第56期', '3.5米', '66.7%', '1,380元', 'G60高速', '400-123-4567', '12345', '123456789012', '3号楼2单元', '第一', '十一', '五一广场');
    fc.assert(
      // Not a space between them: the masker joins digit groups across spaces on purpose (138 0013 8000),
      // so ordinary numbers strung together by spaces can spell a phone or a 15-digit ID number
      // (123-4567 10:30 1,380 is 123456710301380), as they would to a reader.
      fc.property(fc.array(fc.tuple(ordinary, fc.constantFrom('，', '。', '至', '建议', '、')), { maxLength: 8 }), (parts) => {
        const text = parts.map(([a, b]) => a + b).join('');
        expect(maskPersonalText(text)).toBe(text);
      }),
      RUNS,
    );
  });

  it('does not join the tail of a date with the numbers after it into a mobile number (a counterexample the property found)', () => {
    expect(maskPersonalText('2026-01-15 12345 1,380元，')).toBe('2026-01-15 12345 1,380元，');
    expect(maskPersonalText('138 0013 2026-01-15')).toBe('138 0013 2026-01-15');
    // A number split to look like a date is still one when the stretch holds the whole date.
    expect(maskPersonalText('86-1931/6/30 1100')).toBe('193****1100');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(prose, mobile.chain(written), idNumber, prose, (a, m, id, b) => {
        const once = maskPersonalText(`${a}，${m}，${b}，${id}`, ['张三']);
        expect(maskPersonalText(once, ['张三'])).toBe(once);
      }),
      RUNS,
    );
  });
});

describe('masking helpers', () => {
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
