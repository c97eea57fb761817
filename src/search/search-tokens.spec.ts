import fc from 'fast-check';
import { documentTokens, parseQuery, segment, similarityTokens, wordToken } from './search-tokens.js';

describe('search tokens', () => {
  it('splits Han runs from latin/digit words, lower-cased and NFKC-normalised', () => {
    expect(segment('建议增设WiFi，５Ｇ基站 Bus-stop')).toEqual({
      hanRuns: [['建', '议', '增', '设'], ['基', '站']],
      words: ['wifi', '5g', 'bus', 'stop'],
    });
  });

  it('indexes unigrams and bigrams of Han text, words of the rest', () => {
    expect(documentTokens('交通灯', 'bus')).toEqual(['u04ea4', 'b04ea40901a', 'u0901a', 'b0901a0706f', 'u0706f', 'w627573']);
  });

  it('makes every token at least 3 ASCII word characters and at most 84', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ maxLength: 50 }), (a, b) => {
        for (const t of documentTokens(a, b + '交通' + 'x'.repeat(100))) {
          expect(t).toMatch(/^[a-z0-9]{3,84}$/);
        }
      }),
    );
  });

  it('turns a 2-character query into one bigram, a 1-character query into a unigram', () => {
    expect(parseQuery('交通')).toEqual({ tokens: ['b04ea40901a'], phrases: [] });
    expect(parseQuery('灯')).toEqual({ tokens: ['u0706f'], phrases: [] });
  });

  it('requires the bigrams of longer runs and keeps the run as a phrase to confirm', () => {
    expect(parseQuery('交通灯 Bus')).toEqual({ tokens: ['b04ea40901a', 'b0901a0706f', 'w627573'], phrases: ['交通灯'] });
  });

  it('finds nothing searchable in punctuation', () => {
    expect(parseQuery('！？…  ')).toEqual({ tokens: [], phrases: [] });
  });

  it('every query token of a substring is a document token', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'交通路灯公交站WiFi 5g，。'.split('')), minLength: 1, maxLength: 30 }), fc.nat(), fc.nat(), (text, i, j) => {
        const [from, to] = [i % (text.length + 1), j % (text.length + 1)].sort((x, y) => x - y);
        const doc = new Set(documentTokens(text));
        const q = text.slice(from!, to!);
        // A cut through a word makes another word; only Han substrings are guaranteed.
        if (/[a-z0-9]/i.test(q)) return;
        for (const t of parseQuery(q).tokens) expect(doc.has(t)).toBe(true);
      }),
    );
  });

  it('truncates very long words on a character boundary', () => {
    const long = 'é'.repeat(50);
    expect(wordToken(long)).toBe(`w${Buffer.from('é'.repeat(20)).toString('hex')}`);
  });

  it('compares duplicates by bigrams and words, not single characters', () => {
    expect(similarityTokens('u04ea4 b04ea40901a u0901a w627573')).toEqual(['b04ea40901a', 'w627573']);
    expect(similarityTokens('u04ea4')).toEqual(['u04ea4']);
  });
});
