/** Public rendering of personal data: `138****1234`, `张*`. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '').replace(/^(?:00)?86(?=1\d{10}$)/, '');
  if (digits.length < 7) return '****';
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '*';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/** Mainland mobile numbers, with or without +86; returns the 11-digit form or null. */
export function normalizePhone(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

// ---- personal data inside free text ----
//
// The one masker for free text (titles, bodies, notes, replies, ledger entries). Residents write
// numbers the way their input method gives them: full-width digits (１３８), Chinese numerals
// (一三八, 幺 for 1), split by spaces, dots, slashes, dashes, brackets or underscores, with
// zero-width characters in between. So digits are read character by character, whatever their
// script, runs of them are joined across short separators, and what the joined digits spell —
// a mobile, landline or ID number — is masked over the whole span it was written in.

const HAN_DIGITS: Readonly<Record<string, string>> = {
  〇: '0', 零: '0', 一: '1', 幺: '1', 壹: '1', 二: '2', 贰: '2', 貳: '2', 三: '3', 叁: '3', 參: '3',
  四: '4', 肆: '4', 五: '5', 伍: '5', 六: '6', 陆: '6', 陸: '6', 七: '7', 柒: '7', 八: '8', 捌: '8', 九: '9', 玖: '9',
};
/** Between digits of one number (after NFKC, so full-width forms are included). */
// Not the Chinese comma or full stop (NFKC would fold ， into a comma): they end clauses, and
// would join numbers listed apart.
const CLAUSE_MARKS = '，、。；';
const SEPARATOR = /^[\s.·•‧∙⋅,/\\|_\-‐‑‒–—―−~+#:()[\]{}<>【】〔〕〖〗「」『』《》〈〉]$/u;
const INVISIBLE = /^[\p{Cf}\p{Mn}]$/u;
/** At most this many separators in a row inside one number. */
const MAX_GAP = 3;
/** No personal number is longer (0086 + 11, or an 18-character ID). */
const MAX_DIGITS = 18;
/** Words just before a bare 7–8 digit local number (or a QQ/WeChat number) that make it a contact number. */
const PHONE_WORDS = /(电话|電話|座机|座機|手机|手機|联系|聯系|联络|致电|拨打|号码|號碼|热线|tel|phone|call|mobile|☎|📞)/;
const ACCOUNT_WORDS = /(qq|微信|wechat|vx|wx)/;

type CharKind = { kind: 'digit'; digit: string; script: 'arabic' | 'han' } | { kind: 'sep' } | { kind: 'other' };

// Texts repeat their characters: classify each distinct one once.
// Characters of the Basic Multilingual Plane by code unit (no string made per character); the
// rest, rare in these texts, by the character itself, bounded.
const BMP_KINDS: (CharKind | undefined)[] = new Array<CharKind | undefined>(0x10000);
const ASTRAL_KINDS = new Map<string, CharKind>();
function astralKind(ch: string): CharKind {
  let kind = ASTRAL_KINDS.get(ch);
  if (!kind) {
    kind = classifyChar(ch);
    if (ASTRAL_KINDS.size < 20_000) ASTRAL_KINDS.set(ch, kind);
  }
  return kind;
}

function classifyChar(ch: string): CharKind {
  const folded = ch.normalize('NFKC');
  if (/^[0-9]$/.test(folded)) return { kind: 'digit', digit: folded, script: 'arabic' };
  const han = HAN_DIGITS[ch];
  if (han) return { kind: 'digit', digit: han, script: 'han' };
  // The check character of an ID number; only accepted last (see classify).
  if (folded === 'X' || folded === 'x') return { kind: 'digit', digit: 'X', script: 'arabic' };
  if (CLAUSE_MARKS.includes(ch)) return { kind: 'other' };
  if (SEPARATOR.test(folded) || INVISIBLE.test(ch) || folded === '') return { kind: 'sep' };
  return { kind: 'other' };
}

interface Group {
  start: number;
  end: number;
  digits: string;
  /** The separators between this group and the one before. */
  sepBefore: string;
  script: 'arabic' | 'han';
}

/** Valid YYYYMMDD inside an ID number (keeps order numbers and amounts out). */
function plausibleBirthDate(yyyymmdd: string): boolean {
  const m = /^(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/.exec(yyyymmdd);
  return m !== null;
}

/** 2026-01-15, 2026.1.5, 2026/01/15: year, month and day joined by one same separator. */
function isDate(groups: Group[]): boolean {
  if (groups.length < 3) return false;
  const [y, m, d] = groups.map((g) => Number(g.digits)) as [number, number, number];
  const sep = groups[1]!.sepBefore;
  return (
    ['-', '.', '/'].includes(sep) &&
    groups[2]!.sepBefore === sep &&
    groups[0]!.digits.length === 4 &&
    groups[1]!.digits.length <= 2 &&
    groups[2]!.digits.length <= 2 &&
    y >= 1900 && y <= 2099 && m >= 1 && m <= 12 && d >= 1 && d <= 31
  );
}

/** An 18-character ID number (17 digits and a check digit or X), masked; null otherwise. */
function classifyId(digits: string): string | null {
  if (digits.length === 18 && /^\d{17}[\dX]$/.test(digits) && plausibleBirthDate(digits.slice(6, 14))) {
    return `${digits.slice(0, 6)}********${digits.slice(-4)}`;
  }
  return null;
}

/**
 * A stretch that touches a date: an ID number (whose birth date is one), or, when it runs past the
 * date, a mobile number split to look like one (86-1931/6/30 1100 is 19316301100).
 */
function classifyNearDate(digits: string, pastDate: boolean): string | null {
  const id = classifyId(digits);
  if (id || !pastDate) return id;
  const mobile = /^(?:0086|86)?(1[3-9]\d{9})$/.exec(digits);
  return mobile ? maskPhone(mobile[1]!) : null;
}

/** What a string of digits spells, masked; null when it is not personal data. */
function classify(digits: string, before: string, wholeAreaCode: boolean): string | null {
  if (digits.slice(0, -1).includes('X')) return null;
  const plain = !digits.includes('X');
  const mobile = /^(?:0086|86)?(1[3-9]\d{9})$/.exec(digits);
  if (mobile) return maskPhone(mobile[1]!);
  const id = classifyId(digits);
  if (id) return id;
  if (!plain) return null;
  if (digits.length === 15 && plausibleBirthDate(`19${digits.slice(6, 12)}`)) return `${digits.slice(0, 6)}*****${digits.slice(-4)}`;
  // Landline with its area code: 010/02x + 8 digits, 0xxx + 7 or 8. Starting inside a run, the
  // area code must be written whole, so the month of a date before another date (01-15 2026…) is not one.
  if (/^0[1-9]\d{8,10}$/.test(digits) && wholeAreaCode) {
    const area = /^0[12]/.test(digits) ? 3 : 4;
    return `${digits.slice(0, area)}-${'*'.repeat(digits.length - area - 2)}${digits.slice(-2)}`;
  }
  const context = before.normalize('NFKC').toLowerCase();
  // A date next to 联系 is not a number to call.
  if (/^\d{7,8}$/.test(digits) && !plausibleBirthDate(digits) && PHONE_WORDS.test(context)) return `${'*'.repeat(digits.length - 2)}${digits.slice(-2)}`;
  if (/^\d{5,12}$/.test(digits) && ACCOUNT_WORDS.test(context)) return `${'*'.repeat(digits.length - 2)}${digits.slice(-2)}`;
  return null;
}

interface Replacement {
  start: number;
  end: number;
  text: string;
}

/** Masks phone, landline and ID numbers however they are written. */
function numberReplacements(text: string): Replacement[] {
  // Each character's kind (shared objects) and where it starts, `starts[n]` being the text's end:
  // no object per character, which was most of what a feed page's masking left to collect.
  const kinds: CharKind[] = [];
  const starts: number[] = [];
  let offset = 0;
  let anyDigit = false;
  while (offset < text.length) {
    const unit = text.charCodeAt(offset);
    const astral = unit >= 0xd800 && unit <= 0xdbff && offset + 1 < text.length && (text.charCodeAt(offset + 1) & 0xfc00) === 0xdc00;
    const kind = astral ? astralKind(text.slice(offset, offset + 2)) : (BMP_KINDS[unit] ??= classifyChar(text[offset]!));
    anyDigit ||= kind.kind === 'digit';
    kinds.push(kind);
    starts.push(offset);
    offset += astral ? 2 : 1;
  }
  starts.push(offset);
  const out: Replacement[] = [];
  if (!anyDigit) return out;
  let i = 0;
  while (i < kinds.length) {
    const first = kinds[i]!;
    // An X only ends an ID number; it never starts one.
    if (first.kind !== 'digit' || first.digit === 'X') {
      i++;
      continue;
    }
    // Digits right after a * are the visible end of something already masked: leave them be.
    if (text.slice(starts[i - 1] ?? 0, starts[i]!) === '*') {
      while (i < kinds.length && kinds[i]!.kind === 'digit') i++;
      continue;
    }
    // One run: digits joined by at most MAX_GAP separators; a new group at each separator or
    // change of script (第一13812345678: the 一 is a word, the rest a number).
    const groups: Group[] = [];
    let gap = 0;
    let seps = '';
    let j = i;
    let lastDigit = i;
    for (; j < kinds.length; j++) {
      const k = kinds[j]!;
      if (k.kind === 'digit') {
        const prev = groups.at(-1);
        const prevKind = kinds[j - 1];
        // Across a separator only digits of one script make one number (十一 400… is two things).
        if (prev && gap > 0 && prev.script !== k.script && k.digit !== 'X') break;
        const joins = prev && gap === 0 && prevKind?.kind === 'digit' && prevKind.script === k.script && !prev.digits.endsWith('X');
        if (joins) {
          prev.digits += k.digit;
          prev.end = starts[j + 1]!;
        } else groups.push({ start: starts[j]!, end: starts[j + 1]!, digits: k.digit, sepBefore: seps, script: k.script });
        gap = 0;
        seps = '';
        lastDigit = j;
      } else if (k.kind === 'sep' && gap < MAX_GAP) {
        gap++;
        seps += text.slice(starts[j]!, starts[j + 1]!).normalize('NFKC');
      } else break;
    }
    // Dates (2026-01-15, 2026.1.5) are the commonest digit runs: a stretch that touches one
    // can only be an ID number, whose birth date is one.
    const inDate = groups.map(() => false);
    // The first and last group of the date each group belongs to: a stretch that cuts a date in
    // two (2026-01-15 12345 1,380: 15 12345 1 380) is no mobile number split to look like one.
    const dateFirst = groups.map((_, d) => d);
    const dateLast = groups.map((_, d) => d);
    groups.forEach((_, d) => {
      if (!isDate(groups.slice(d, d + 3))) return;
      for (let k = d; k < d + 3; k++) {
        inDate[k] = true;
        dateFirst[k] = Math.min(dateFirst[k]!, d);
        dateLast[k] = Math.max(dateLast[k]!, d + 2);
      }
    });
    // Leftmost-longest: from each group, the longest stretch of whole groups that spells a number.
    let g = 0;
    while (g < groups.length) {
      let found: { upTo: number; masked: string } | null = null;
      let digits = '';
      let touchesDate = false;
      let pastDate = false;
      const tails: { digits: string; touchesDate: boolean; pastDate: boolean }[] = [];
      for (let h = g; h < groups.length && (digits + groups[h]!.digits).length <= MAX_DIGITS + 4; h++) {
        digits += groups[h]!.digits;
        touchesDate ||= inDate[h]!;
        pastDate ||= !inDate[h]!;
        tails.push({ digits, touchesDate, pastDate });
      }
      const before = text.slice(Math.max(0, groups[g]!.start - 12), groups[g]!.start);
      for (let h = tails.length - 1; h >= 0 && !found; h--) {
        const tail = tails[h]!;
        const wholeDates = dateFirst[g]! >= g && dateLast[g + h]! <= g + h;
        const masked = tail.touchesDate ? classifyNearDate(tail.digits, tail.pastDate && wholeDates) : classify(tail.digits, before, g === 0 || groups[g]!.digits.length >= 3);
        if (masked) found = { upTo: g + h, masked };
      }
      if (found) {
        out.push({ start: groups[g]!.start, end: groups[found.upTo]!.end, text: found.masked });
        g = found.upTo + 1;
      } else g++;
    }
    i = Math.max(lastDigit + 1, i + 1);
  }
  return out;
}

// E-mail addresses, also with full-width ＠／．, an ideographic full stop, or "(at)".
const EMAIL =
  /[A-Za-z0-9][A-Za-z0-9._%+\-]*\s*(?:@|＠|[(（[【]\s*at\s*[)）\]】])\s*[A-Za-z0-9\-]+(?:\s*(?:\.|．|。|[(（[【]\s*dot\s*[)）\]】])\s*[A-Za-z0-9\-]+)+/giu;

function emailReplacements(text: string): Replacement[] {
  if (!/[@＠]|at/i.test(text)) return [];
  // NFKC keeps the length of everything an address is made of only for single-unit characters,
  // so addresses are found on a copy folded one character at a time.
  let folded = '';
  const origin: number[] = [];
  let offset = 0;
  for (const ch of text) {
    const f = ch.normalize('NFKC');
    const one = [...f].length === 1 && f.length === ch.length ? f : ch;
    for (let k = 0; k < one.length; k++) origin.push(offset + k);
    folded += one;
    offset += ch.length;
  }
  origin.push(offset);
  const out: Replacement[] = [];
  for (const m of folded.matchAll(EMAIL)) {
    const at = /\s*(?:@|＠|[(（[【]\s*at\s*[)）\]】])\s*/iu.exec(m[0])!;
    const local = m[0].slice(0, at.index);
    const domain = m[0].slice(at.index + at[0].length).replace(/\s*(?:\.|．|。|[(（[【]\s*dot\s*[)）\]】])\s*/giu, '.');
    out.push({ start: origin[m.index]!, end: origin[m.index + m[0].length]!, text: `${local[0]}***@${domain}` });
  }
  return out;
}

// A name's pattern is compiled once: a feed page masks the same few names in every text, and
// compiling a Unicode pattern costs more than matching it. Bounded; cleared when full.
const NAME_PATTERNS_KEPT = 1_000;
const namePatterns = new Map<string, { pattern: RegExp; masked: string }>();

function namePattern(name: string): { pattern: RegExp; masked: string } | null {
  let entry = namePatterns.get(name);
  if (!entry) {
    const chars = [...name];
    // A one-character "name" would mask ordinary words.
    if (chars.length < 2) return null;
    const pattern = new RegExp(chars.map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\p{Cf}·•.．_\\-]{0,2}'), 'gu');
    if (namePatterns.size >= NAME_PATTERNS_KEPT) namePatterns.clear();
    namePatterns.set(name, (entry = { pattern, masked: maskName(name) }));
  }
  return entry;
}

/** The author's own name, also written with spaces or dots between its characters. */
function nameReplacements(text: string, names: readonly (string | null | undefined)[]): Replacement[] {
  const out: Replacement[] = [];
  for (const raw of names) {
    const name = raw?.trim() ?? '';
    // The pattern starts with the name's first character as written: a text without it has no
    // match, and most texts do not name their author, so most never need the pattern.
    const first = name.codePointAt(0);
    if (first === undefined || !text.includes(String.fromCodePoint(first))) continue;
    const entry = namePattern(name);
    if (!entry) continue;
    // matchAll works on a copy of the pattern: the shared one keeps its lastIndex at 0.
    for (const m of text.matchAll(entry.pattern)) out.push({ start: m.index, end: m.index + m[0].length, text: entry.masked });
  }
  return out;
}

/**
 * Free text as anyone but its writer may read it: mobile, landline and ID numbers and e-mail
 * addresses masked however they are written, and the given names (the author's) masked too.
 * Idempotent: masking masked text changes nothing.
 */
export function maskPersonalText(text: string, names: readonly (string | null | undefined)[] = []): string {
  const all = [...emailReplacements(text), ...numberReplacements(text), ...nameReplacements(text, names)].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  for (const r of all) {
    if (r.start < at) continue; // inside one already masked (a number within an address)
    out += text.slice(at, r.start) + r.text;
    at = r.end;
  }
  return out + text.slice(at);
}

export function maskPersonalTextOrNull(text: string | null, names: readonly (string | null | undefined)[] = []): string | null {
  return text === null ? null : maskPersonalText(text, names);
}
