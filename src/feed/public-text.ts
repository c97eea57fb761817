import { maskName, maskPhone } from '../common/masking.js';

// Residents sometimes sign their text or type their phone or ID number into it ("我是张三，
// 电话138…"), and replies sometimes address them by name. Public text is rendered through
// here: phone and ID numbers are masked wherever they occur, and so is the author's own name
// (the one name the platform knows; other names in free text cannot be told from words).
const MOBILE = /(?<![\d])(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8}(?![\d])/g;
const ID_CARD = /(?<![\dA-Za-z])\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\dA-Za-z])/g;

export function maskPersonalText(text: string, names: readonly (string | null | undefined)[] = []): string {
  let out = text.replace(ID_CARD, (id) => `${id.slice(0, 6)}********${id.slice(-4)}`).replace(MOBILE, (phone) => maskPhone(phone));
  for (const name of names) {
    const trimmed = name?.trim();
    // A one-character "name" would mask ordinary words.
    if (trimmed && [...trimmed].length >= 2) out = out.split(trimmed).join(maskName(trimmed));
  }
  return out;
}

export function maskPersonalTextOrNull(text: string | null, names: readonly (string | null | undefined)[] = []): string | null {
  return text === null ? null : maskPersonalText(text, names);
}
