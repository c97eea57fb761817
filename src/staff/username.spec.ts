import fc from 'fast-check';
import { canonicalUsername, isValidUsername } from './username.js';

/** Ways a client may spell the same name: case, full-width forms, outer whitespace, compatibility forms. */
const spellings = (name: string): fc.Arbitrary<string> =>
  fc
    .record({
      upper: fc.array(fc.boolean(), { minLength: name.length, maxLength: name.length }),
      wide: fc.array(fc.boolean(), { minLength: name.length, maxLength: name.length }),
      before: fc.stringMatching(/^[ \t\u3000\u00a0]{0,3}$/),
      after: fc.stringMatching(/^[ \t\u3000\u00a0]{0,3}$/),
    })
    .map(({ upper, wide, before, after }) =>
      before +
      [...name]
        .map((ch, i) => {
          let c = upper[i] ? ch.toUpperCase() : ch;
          // Full-width ASCII (U+FF01–FF5E) is U+0021–007E shifted by 0xFEE0.
          if (wide[i] && c >= '!' && c <= '~') c = String.fromCharCode(c.charCodeAt(0) + 0xfee0);
          return c;
        })
        .join('') +
      after,
    );

const names = fc.stringMatching(/^[a-z][a-z0-9._-]{2,20}$/);

describe('canonicalUsername', () => {
  it('maps every spelling of a name to that one name', () => {
    fc.assert(fc.property(names.chain((n) => fc.tuple(fc.constant(n), spellings(n))), ([name, spelled]) => canonicalUsername(spelled) === name));
  });

  it('is idempotent on any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (s) => canonicalUsername(canonicalUsername(s)) === canonicalUsername(s)));
  });

  it('folds compatibility forms (ligatures, circled and super-script letters) the way NFKC does', () => {
    expect(canonicalUsername('ﬁnance')).toBe('finance');
    expect(canonicalUsername('ⓐdmin')).toBe('admin');
    expect(canonicalUsername('admin²')).toBe('admin2');
    expect(canonicalUsername('ＡＤＭＩＮ\u3000')).toBe('admin');
  });

  it('keeps accents: admín is another name (the lookup is exact, so it reaches no account called admin)', () => {
    expect(canonicalUsername('admín')).not.toBe('admin');
    expect(canonicalUsername('admi\u0301n')).toBe(canonicalUsername('admín')); // composed and decomposed agree
  });

  it('accepts only canonical names of allowed characters for new accounts', () => {
    expect(isValidUsername('housing.handler')).toBe(true);
    expect(isValidUsername('王科长')).toBe(true);
    expect(isValidUsername('Admin')).toBe(false);
    expect(isValidUsername('ad min')).toBe(false);
    expect(isValidUsername('ab')).toBe(false);
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (s) => !isValidUsername(s) || canonicalUsername(s) === s));
  });
});
