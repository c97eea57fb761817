import { trackingNumberOf } from '../../src/suggestions/tracking-number.js';
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import type { Actor } from '../../src/auth/actor.js';
import { SuggestionsService } from '../../src/suggestions/suggestions.service.js';
import { workflowOf } from '../helpers/workflow.js';
import { given, idempotencyKey } from '../factories/given.js';
import type { TestApp } from '../helpers/test-app.js';
import { startSecurityApp, type SecurityApp } from './lib/security-app.js';
import { buildWorld, type ActorKey, type World } from './lib/world.js';

// Issue 12 §1, every class at once, with cases this test makes up itself: items whose every free
// text carries personal data written as residents write it (full-width, Chinese numerals, split
// by separators; landlines, e-mail, spaced ID numbers) and a marker per audience. Every kind of
// reader then reads every text through every operation that shows it, and nothing may show a
// raw number, address or name to anyone but the author, nor a note to anyone it was not for.

const FULL = (d: string) => String.fromCharCode(0xff10 + Number(d));
const HAN = '〇一二三四五六七八九';
const SEPS = [' ', '.', '/', '-', '_', '(', ')', '·', '\u200b', '　', '．'];
const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
/** One number in one script, with separators anywhere. */
const writeDigits = (d: string) =>
  fc
    .tuple(fc.constantFrom('ascii', 'full', 'han'), fc.array(fc.option(fc.constantFrom(...SEPS), { freq: 2 }), { minLength: d.length, maxLength: d.length }))
    .map(([script, seps]) => [...d].map((c, i) => (i > 0 ? (seps[i] ?? '') : '') + (script === 'ascii' ? c : script === 'full' ? FULL(c) : HAN[Number(c)])).join(''));

interface PiiCase {
  /** Text carrying the personal data. */
  text: string;
  /** Digit strings that must never be readable (whatever script), the e-mail's local part, the name. */
  secrets: string[];
  name: string;
}
const piiCase: fc.Arbitrary<PiiCase> = fc
  .tuple(
    fc.tuple(fc.constantFrom('3', '5', '7', '8', '9'), digits(9)).map(([b, r]) => `1${b}${r}`),
    fc.tuple(fc.constantFrom('0795', '0571', '021'), fc.integer({ min: 2, max: 9 }), digits(6)).map(([a, f, r]) => [a, `${f}${r}5`] as const),
    fc.tuple(fc.integer({ min: 110000, max: 659999 }), fc.integer({ min: 1950, max: 2005 }), fc.integer({ min: 10, max: 12 }), fc.integer({ min: 10, max: 28 }), digits(3)).map(
      ([r, y, m, d, s]) => `${r}${y}${m}${d}${s}X`,
    ),
    fc.stringMatching(/^[a-z][a-z0-9]{5,9}$/),
    fc.constantFrom('欧阳建国', '司马光明', '诸葛亮亮', '慕容秋'),
  )
  .chain(([mobile, [area, local], id, mail, name]) =>
    fc.tuple(writeDigits(mobile), writeDigits(local), fc.constantFrom('@', '＠', '(at)')).map(([m, l, at]) => ({
      text: `我是${name}，手机${m}，座机(${area})${l}，身份证 ${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14, 17)}x，邮箱${mail}${at}qq.com。`,
      secrets: [mobile, local, id.slice(0, 17), id.slice(6, 14), mail],
      name,
    })),
  );

const HAN_INDEX = new Map([...HAN].map((h, i) => [h, String(i)]));
function digitsIn(text: string): string {
  return [...text].map((ch) => (/^[0-9]$/.test(ch.normalize('NFKC')) ? ch.normalize('NFKC') : (HAN_INDEX.get(ch) ?? ''))).join('');
}
/** Every string value in a GraphQL answer. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}
function exposed(values: string[], c: PiiCase): string[] {
  const hits: string[] = [];
  for (const v of values) {
    const folded = v.normalize('NFKC').toLowerCase();
    for (const s of c.secrets) if (/^\d+$/.test(s) ? digitsIn(v).includes(s) : folded.includes(s)) hits.push(s);
    if (v.includes(c.name)) hits.push(c.name);
  }
  return hits;
}

const ITEM_FIELDS = `id title body location closeReason trackingNumber
  timeline { action note } assignments { role contribution endNote }
  replies { body notAdoptedReason reviewNote status } ratings { comment }`;

interface Item {
  id: number;
  trackingNumber: string;
  consent: boolean;
  pii: PiiCase;
  ownerToken: string;
  /** Markers by audience: who may see each is fixed below, not read from the policy. */
  marks: { internal: string[]; rating: string; answer: string; title: string };
}

describe('personal data and internal notes (issue 12 §1)', () => {
  let t: SecurityApp;
  let world: World;
  let coHandlerToken: string;
  const items: Item[] = [];

  beforeAll(async () => {
    t = (await startSecurityApp('privacy-text'))!;
    if (!t) return;
    world = await buildWorld(t);
    const g = given(t as unknown as TestApp);
    const coUnit = await g.unit({ name: '协办测试单位' });
    const coHandler = await g.staff(['UNIT_HANDLER'], coUnit.id);
    coHandlerToken = coHandler.token;
    const coActor: Actor = { kind: 'staff', id: coHandler.id, roles: ['UNIT_HANDLER'], unitId: coUnit.id };
    const suggestions = t.app.get(SuggestionsService);
    const workflow = workflowOf(t.app);
    const coordinator = world.staff.coordinator.actor;
    const handler = world.staff.handler.actor;
    const cases = fc.sample(piiCase, { numRuns: 4, seed: Number(process.env.PRIVACY_SEED ?? Date.now() % 100000) });
    for (const [i, pii] of cases.entries()) {
      const consent = i % 2 === 0;
      const tag = randomBytes(3).toString('hex');
      const mark = (what: string) => `${what}${tag}`;
      const owner = await g.resident({ displayName: pii.name });
      const ownerActor: Actor = { kind: 'resident', id: owner.id };
      const title = `${mark('标题')}${pii.name}`;
      const { suggestion: s } = await suggestions.submit(
        ownerActor,
        { campaignId: world.campaign.id, title, body: `${mark('正文')}${pii.text}`, location: pii.text, category: world.campaign.categories[0]!, consentToPublish: consent, idempotencyKey: idempotencyKey() },
        `10.77.0.${i + 1}`,
      );
      const internal = ['交办', '转办', '进展', '协办', '延期', '批复'].map(mark);
      await workflow.assign(coordinator, { suggestionIds: [s.id], leadUnitId: world.unitD.id, note: `${internal[0]}${pii.text}` });
      await workflow.transfer(coordinator, { suggestionId: s.id, leadUnitId: world.unitA.id, coUnitIds: [coUnit.id], reason: `${internal[1]}${pii.text}` });
      await workflow.sign(handler, { suggestionId: s.id });
      await workflow.sign(coActor, { suggestionId: s.id });
      await workflow.addProgressNote(handler, { suggestionId: s.id, note: `${internal[2]}${pii.text}` });
      await workflow.contribute(coActor, { suggestionId: s.id, contribution: `${internal[3]}${pii.text}` });
      const ext = await workflow.requestExtension(handler, { suggestionId: s.id, reason: `${internal[4]}${pii.text}`, extraWorkingDays: 2 });
      await workflow.decideExtension(coordinator, { requestId: ext.id, approve: true, note: `${internal[5]}${pii.text}` });
      const replied = await workflow.reply(handler, { suggestionId: s.id, body: `${mark('答复')}${pii.name}您好：${pii.text}`, adoption: 'ADOPTED' });
      await workflow.rate(ownerActor, { replyId: replied.reply.id, level: 'SATISFIED', comment: `${mark('评价')}${pii.text}` });
      items.push({ id: s.id, trackingNumber: trackingNumberOf(s), consent, pii, ownerToken: owner.token, marks: { internal, rating: mark('评价'), answer: mark('答复'), title: mark('标题') } });
    }
  }, 240_000);
  afterAll(async () => t?.close());

  const STAFF_OF_ITEM: ActorKey[] = ['handler', 'unitAdmin', 'coordinator', 'auditor', 'admin'];
  const token = (a: ActorKey, item: Item) => (a === 'owner' ? item.ownerToken : a === 'anonymous' ? undefined : a === 'otherResident' ? world.otherResident.token : world.staff[a].token);

  /** What each reader may see of an item, by marker; fixed here from the issue, independent of the code. */
  function mayRead(a: ActorKey | 'coHandler', item: Item) {
    const staff = a === 'coHandler' || STAFF_OF_ITEM.includes(a as ActorKey);
    const publicWithConsent = item.consent && a !== 'otherHandler';
    return {
      internal: staff,
      rating: staff || a === 'owner',
      answer: staff || a === 'owner' || publicWithConsent,
      rawPii: a === 'owner',
    };
  }

  function check(a: string, item: Item, body: unknown, allowed: ReturnType<typeof mayRead>, where: string) {
    const values = strings(body);
    const all = values.join('\n');
    const problems: string[] = [];
    for (const m of item.marks.internal) if (!allowed.internal && all.includes(m)) problems.push(`internal note ${m}`);
    if (!allowed.rating && all.includes(item.marks.rating)) problems.push('rating comment');
    if (!allowed.answer && all.includes(item.marks.answer)) problems.push('reply');
    if (!allowed.rawPii) {
      // The author's own words are theirs; everything anyone else reads is masked.
      const leaks = exposed(values, item.pii);
      if (leaks.length) problems.push(`personal data ${[...new Set(leaks)].join(', ')}`);
    }
    expect({ reader: a, where, item: item.id, problems }).toEqual({ reader: a, where, item: item.id, problems: [] });
  }

  it('suggestion(id), with every nested text, shows each reader only what is theirs to read', async () => {
    if (!t) return;
    for (const item of items) {
      for (const a of ['owner', 'anonymous', 'otherResident', 'handler', 'otherHandler', 'unitAdmin', 'coordinator', 'evaluator', 'auditor', 'admin'] as ActorKey[]) {
        const res = await t.gql(`query($id: Int!) { suggestion(id: $id) { ${ITEM_FIELDS} } }`, { id: item.id }, { token: token(a, item) });
        check(a, item, res.data, mayRead(a, item), 'suggestion');
      }
      const co = await t.gql(`query($id: Int!) { suggestion(id: $id) { ${ITEM_FIELDS} } }`, { id: item.id }, { token: coHandlerToken });
      expect(co.data.suggestion?.id).toBe(item.id);
      check('coHandler', item, co.data, mayRead('coHandler', item), 'suggestion');
    }
  });

  it('trackSuggestion shows status, stages with dates and public-safe text only; the author’s own words to the author', async () => {
    if (!t) return;
    for (const item of items) {
      for (const a of ['anonymous', 'otherResident', 'otherHandler', 'evaluator', 'owner', 'handler', 'coordinator'] as ActorKey[]) {
        const res = await t.gql('query($n: String!) { trackSuggestion(trackingNumber: $n) { status title timeline { action at toStatus note } } }', { n: item.trackingNumber }, { token: token(a, item) });
        expect(res.data.trackSuggestion.status).toBe('CLOSED');
        expect(res.data.trackSuggestion.timeline.length).toBeGreaterThan(5);
        check(a, item, res.data, mayRead(a, item), 'trackSuggestion');
      }
      const anon = await t.gql('query($n: String!) { trackSuggestion(trackingNumber: $n) { title timeline { note } } }', { n: item.trackingNumber });
      expect(anon.data.trackSuggestion.timeline.every((e: { note: string | null }) => e.note === null)).toBe(true);
      if (!item.consent) expect(anon.data.trackSuggestion.title).toBeNull();
    }
  });

  it('gives new items unguessable tracking numbers, and old numbers keep working for old items only', async () => {
    if (!t) return;
    for (const item of items) {
      expect(item.trackingNumber).toMatch(/^JY\d{4}[A-Z][0-9A-Z]{9}$/);
      // The number its id would once have given finds nothing.
      const legacy = `JY${item.trackingNumber.slice(2, 6)}${String(item.id).padStart(7, '0')}`;
      expect((await t.gql('query($n: String!) { trackSuggestion(trackingNumber: $n) { status } }', { n: legacy })).data.trackSuggestion).toBeNull();
    }
    // An item from before the change keeps its old number.
    const old = items[0]!;
    await t.dataSource.query('UPDATE suggestions SET trackingNumber = NULL WHERE id = ?', [old.id]);
    const legacy = `JY${old.trackingNumber.slice(2, 6)}${String(old.id).padStart(7, '0')}`;
    const res = await t.gql('query($n: String!) { trackSuggestion(trackingNumber: $n) { trackingNumber status } }', { n: legacy });
    expect(res.data.trackSuggestion).toEqual({ trackingNumber: legacy, status: 'CLOSED' });
    await t.dataSource.query('UPDATE suggestions SET trackingNumber = ? WHERE id = ?', [old.trackingNumber, old.id]);
  });

  it('the evaluator panel shows masked text, and no reply of an item whose author did not consent', async () => {
    if (!t) return;
    for (const a of ['evaluator', 'coordinator'] as const) {
      const res = await t.gql('{ repliesForEvaluation(first: 100) { edges { node { suggestionId suggestionTitle suggestionBody replyBody notAdoptedReason } } } }', {}, { token: world.staff[a].token });
      const nodes: { suggestionId: number }[] = res.data.repliesForEvaluation.edges.map((e: { node: { suggestionId: number } }) => e.node);
      for (const item of items) {
        const mine = nodes.filter((n) => n.suggestionId === item.id);
        if (a === 'evaluator') expect(mine.length).toBe(item.consent ? 1 : 0);
        else expect(mine.length).toBe(1);
        check(a, item, mine, { internal: false, rating: false, answer: true, rawPii: false }, 'repliesForEvaluation');
      }
    }
  });

  it('the author’s own export holds their words but no internal note', async () => {
    if (!t) return;
    for (const item of items) {
      const res = await t.gql('{ exportMyData { json } }', {}, { token: item.ownerToken, audited: true });
      const doc = JSON.parse(res.data.exportMyData.json);
      check('owner', item, doc, mayRead('owner', item), 'exportMyData');
      expect(JSON.stringify(doc)).toContain(item.marks.rating);
    }
  });

  it('public search sees only what the public page shows: masked digits, names and ID numbers confirm nothing', async () => {
    if (!t) return;
    const count = async (query: string) => (await t.gql('query($q: String!) { publicSuggestions(query: $q, first: 1) { totalCount } }', { q: query })).data.publicSuggestions.totalCount as number;
    for (const item of items) {
      // Not vacuous: the public text of a published item is found.
      expect(await count(item.marks.title)).toBe(item.consent ? 1 : 0);
      const [mobile, local, id17, birth, mail] = item.pii.secrets as [string, string, string, string, string];
      const masked = `${mobile.slice(0, 3)}****${mobile.slice(-4)}`;
      for (const guess of [mobile, `${mobile.slice(0, 3)}${mobile.slice(3, 7)}${mobile.slice(-4)}`, mobile.slice(3, 7), local, id17, birth, mail, item.pii.name]) {
        expect({ guess, hits: await count(guess) }).toEqual({ guess, hits: 0 });
      }
      // What the page shows is searchable, so a wrong guess and the right one answer alike.
      expect(await count(masked)).toBe(item.consent ? 1 : 0);
    }
  });

  it('the disclosure ledger masks its free text for every reader; the contact only through the audited reveal', async () => {
    if (!t) return;
    const [pii] = fc.sample(piiCase, { numRuns: 1 });
    const reg = await t.gql(
      'mutation($i: RegisterDisclosureRequestInput!) { registerDisclosureRequest(input: $i) { request { id content subject } } }',
      { i: { applicantType: 'NATURAL_PERSON', applicantName: pii!.name, contactPhone: '13912345678', channel: 'WEBSITE', subject: `申请公开${pii!.name}相关文件`, content: pii!.text } },
      { token: world.staff.coordinator.token },
    );
    expect(reg.errors).toBeUndefined();
    const fake: Item = { id: reg.data.registerDisclosureRequest.request.id, trackingNumber: '', consent: false, pii: pii!, ownerToken: '', marks: { internal: [], rating: '', answer: '', title: '' } };
    check('coordinator', fake, reg.data, { internal: true, rating: true, answer: true, rawPii: false }, 'registerDisclosureRequest');
    for (const a of ['coordinator', 'auditor', 'admin'] as const) {
      const res = await t.gql('{ disclosureRequests(first: 100) { edges { node { id subject content correctionNote replyNote history { note } } } } }', {}, { token: world.staff[a].token });
      const mine = res.data.disclosureRequests.edges.filter((e: { node: { id: number } }) => e.node.id === fake.id);
      expect(mine).toHaveLength(1);
      check(a, fake, mine, { internal: true, rating: true, answer: true, rawPii: false }, 'disclosureRequests');
    }
  });
});
