import { given, idempotencyKey } from '../factories/given.js';
import { describeDb, startTestApp, type TestApp } from '../helpers/test-app.js';
import { ReplyEntity } from '../../src/replies/reply.entity.js';
import { ReplyTemplateEntity } from '../../src/replies/reply-template.entity.js';
import { graphql } from '../gql/index.js';
import type { CreateReplyTemplateInput } from '../gql/graphql.js';

// Reply templates kept over time: edited and retired by whoever may create them (the office:
// any; a unit admin: their unit's), a retired one neither listed nor accepted for a new reply,
// while replies already sent from it keep their text.

// The fields every document below reads (a fragment: the generated documents carry it).
const FIELDS = graphql(`fragment ReplyTemplateFields on ReplyTemplate {id unitId title body adoption active }`);
const CREATE = graphql(`mutation ReplyTemplatesCreate($input: CreateReplyTemplateInput!) { createReplyTemplate(input: $input) { replyTemplate { ...ReplyTemplateFields } } }`);
const UPDATE = graphql(`mutation ReplyTemplatesUpdate($input: UpdateReplyTemplateInput!) { updateReplyTemplate(input: $input) { replyTemplate { ...ReplyTemplateFields } } }`);
const RETIRE = graphql(`mutation ReplyTemplatesRetire($input: RetireReplyTemplateInput!) { retireReplyTemplate(input: $input) { replyTemplate { ...ReplyTemplateFields } } }`);
const LIST = graphql(`query ReplyTemplatesList { replyTemplates { ...ReplyTemplateFields } }`);
const SUBMIT = graphql(`mutation ReplyTemplatesSubmit($input: SubmitSuggestionInput!) { submitSuggestion(input: $input) { suggestion { id } } }`);
const ASSIGN = graphql(`mutation ReplyTemplatesAssign($input: AssignSuggestionInput!) { assignSuggestion(input: $input) { suggestions { id } } }`);
const SIGN = graphql(`mutation ReplyTemplatesSign($input: SuggestionIdInput!) { signSuggestion(input: $input) { suggestion { id } } }`);
const REPLY = graphql(`mutation ReplyTemplatesReply($input: ReplyToSuggestionInput!) { replyToSuggestion(input: $input) { reply { id body } } }`);

describe(describeDb('reply templates: edit and retire'), () => {
  let t: TestApp;
  beforeAll(async () => {
    t = (await startTestApp('reply_templates'))!;
  });
  afterAll(async () => t?.close());

  async function world() {
    const g = given(t);
    const unitA = await g.unit({ name: '市交通运输局' });
    const unitB = await g.unit({ name: '市住房和城乡建设局' });
    return {
      unitA,
      coordinator: await g.staff(['COORDINATOR']),
      admin: await g.staff(['ADMIN']),
      adminA: await g.staff(['UNIT_ADMIN'], unitA.id),
      handlerA: await g.staff(['UNIT_HANDLER'], unitA.id),
      adminB: await g.staff(['UNIT_ADMIN'], unitB.id),
      campaign: await g.campaign(),
      author: await g.resident(),
    };
  }
  const create = async (token: string, input: CreateReplyTemplateInput) => {
    const res = await t.gql(CREATE, { input }, token);
    expect(res.errors).toBeUndefined();
    return res.data.createReplyTemplate.replyTemplate as { id: number; title: string; body: string };
  };
  const errorOf = (res: { errors?: { message: string; extensions?: Record<string, any> }[] }) => ({ code: res.errors?.[0]?.extensions?.code, message: res.errors?.[0]?.message });

  it('lets a unit admin edit and retire their unit’s template; the retired one is gone for new replies, a sent reply keeps its text', async () => {
    if (!t) return;
    const w = await world();
    const tpl = await create(w.adminA.token, { unitId: w.unitA.id, title: '路灯维修答复', body: '感谢您的建议，路灯已安排检修。', adoption: 'ADOPTED' });

    // Two items in progress at unit A: one answered from the template, one left for after it is retired.
    const inProgress = async (title: string) => {
      const submitted = await t.gql(SUBMIT, { input: { campaignId: w.campaign.id, title, body: '小区门口的路灯坏了很久了，请尽快修理。', category: '城市建设', consentToPublish: true, idempotencyKey: idempotencyKey() } }, w.author.token);
      const id = submitted.data.submitSuggestion.suggestion.id as number;
      expect((await t.gql(ASSIGN, { input: { suggestionIds: [id], leadUnitId: w.unitA.id } }, w.coordinator.token)).errors).toBeUndefined();
      expect((await t.gql(SIGN, { input: { suggestionId: id } }, w.handlerA.token)).errors).toBeUndefined();
      return id;
    };
    const itemId = await inProgress('路灯不亮');
    const laterId = await inProgress('路灯闪烁');

    const edited = await t.gql(UPDATE, { input: { id: tpl.id, title: '路灯检修答复', body: '感谢您的建议，路灯已于本周检修完毕。', adoption: null } }, w.adminA.token);
    expect(edited.errors).toBeUndefined();
    expect(edited.data.updateReplyTemplate.replyTemplate).toEqual({ id: tpl.id, unitId: w.unitA.id, title: '路灯检修答复', body: '感谢您的建议，路灯已于本周检修完毕。', adoption: null, active: true });
    expect((await t.gql(LIST, {}, w.handlerA.token)).data.replyTemplates).toContainEqual(expect.objectContaining({ id: tpl.id, title: '路灯检修答复' }));

    const replied = await t.gql(REPLY, { input: { suggestionId: itemId, body: '感谢您的建议，路灯已于本周检修完毕。', adoption: 'ADOPTED', templateId: tpl.id } }, w.handlerA.token);
    expect(replied.errors).toBeUndefined();
    const replyId = replied.data.replyToSuggestion.reply.id as number;

    const retired = await t.gql(RETIRE, { input: { id: tpl.id } }, w.adminA.token);
    expect(retired.errors).toBeUndefined();
    expect(retired.data.retireReplyTemplate.replyTemplate).toMatchObject({ id: tpl.id, active: false });
    expect(await t.dataSource.getRepository(ReplyTemplateEntity).findOneByOrFail({ id: tpl.id })).toMatchObject({ active: false, title: '路灯检修答复' });

    // Not offered any more, to the unit or the office; the reply keeps its text and template.
    for (const token of [w.handlerA.token, w.adminA.token, w.coordinator.token]) {
      expect((await t.gql(LIST, {}, token)).data.replyTemplates.map((r: { id: number }) => r.id)).not.toContain(tpl.id);
    }
    expect(await t.dataSource.getRepository(ReplyEntity).findOneByOrFail({ id: replyId })).toMatchObject({ body: '感谢您的建议，路灯已于本周检修完毕。', templateId: tpl.id });
    // A new reply may no longer name it.
    const late = await t.gql(REPLY, { input: { suggestionId: laterId, body: '感谢您的建议，路灯已于本周检修完毕。', adoption: 'ADOPTED', templateId: tpl.id } }, w.handlerA.token);
    expect(errorOf(late).code).toBe('NOT_FOUND');
    expect(await t.dataSource.getRepository(ReplyEntity).countBy({ suggestionId: laterId })).toBe(0);

    // Neither editable nor retirable twice: CONFLICT, in either language.
    const again = await t.gql(RETIRE, { input: { id: tpl.id } }, w.adminA.token);
    expect(errorOf(again)).toEqual({ code: 'CONFLICT', message: '该答复模板已停用，不能再修改，也不能用于新的答复' });
    const editRetired = await t.gql(UPDATE, { input: { id: tpl.id, title: '再改一次', body: '感谢您的建议，我们会继续跟进。' } }, w.adminA.token, { 'accept-language': 'en' });
    expect(errorOf(editRetired)).toEqual({ code: 'CONFLICT', message: 'This template has been retired; it can no longer be edited or used for new replies' });
  });

  it('keeps shared templates to the office and a unit’s to its own admin (or the office)', async () => {
    if (!t) return;
    const w = await world();
    const shared = await create(w.coordinator.token, { title: '共用答复', body: '感谢您的建议，我们已转交相关部门研究。' });
    const ofA = await create(w.adminA.token, { unitId: w.unitA.id, title: '交通答复', body: '感谢您的建议，已纳入年度计划。' });
    const input = (id: number) => ({ id, title: '改后的标题', body: '改后的答复正文，足够长的内容。' });

    // A unit admin may not touch a shared template or another unit's; a handler not even their unit's.
    const sharedByUnit = await t.gql(UPDATE, { input: input(shared.id) }, w.adminA.token);
    expect(errorOf(sharedByUnit)).toEqual({ code: 'FORBIDDEN', message: '只有统筹办公室可以修改或停用共用答复模板' });
    const otherUnit = await t.gql(RETIRE, { input: { id: ofA.id } }, w.adminB.token, { 'accept-language': 'en' });
    expect(errorOf(otherUnit)).toEqual({ code: 'FORBIDDEN', message: 'Only the unit admin edits or retires the unit’s templates' });
    expect(errorOf(await t.gql(RETIRE, { input: { id: ofA.id } }, w.handlerA.token)).code).toBe('FORBIDDEN');
    expect(await t.dataSource.getRepository(ReplyTemplateEntity).findOneByOrFail({ id: shared.id })).toMatchObject({ title: '共用答复', active: true });
    expect(await t.dataSource.getRepository(ReplyTemplateEntity).findOneByOrFail({ id: ofA.id })).toMatchObject({ title: '交通答复', active: true });

    // The office keeps both.
    expect((await t.gql(UPDATE, { input: input(shared.id) }, w.coordinator.token)).data.updateReplyTemplate.replyTemplate).toMatchObject({ title: '改后的标题', unitId: null });
    expect((await t.gql(UPDATE, { input: input(ofA.id) }, w.admin.token)).data.updateReplyTemplate.replyTemplate).toMatchObject({ title: '改后的标题', unitId: w.unitA.id });
    expect((await t.gql(RETIRE, { input: { id: shared.id } }, w.coordinator.token)).data.retireReplyTemplate.replyTemplate.active).toBe(false);

    // Bad input is said at its field; a missing template is NOT_FOUND.
    const short = await t.gql(UPDATE, { input: { id: ofA.id, title: '改', body: '太短' } }, w.adminA.token);
    expect(short.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(JSON.stringify(short.errors?.[0]?.extensions)).toContain('title');
    expect(errorOf(await t.gql(RETIRE, { input: { id: 999_999 } }, w.coordinator.token)).code).toBe('NOT_FOUND');
  });
});
