import { i18n } from '../i18n';

// Words of the unit workbench beyond the inbox (co-organiser's part, bulk reply, evaluators'
// reviews, the unit admin's page), merged when a staff chunk loads. Error codes still go through
// api/errors.ts.
const zhCN = {
  staff: { action: { 'co-sign': '协办签收', 'co-contribute': '协办意见' } as Record<string, string> },
  ud: {
    nav: { reviews: '评议意见', admin: '单位管理' },
    co: {
      title: '协办意见', intro: '本单位为协办单位：签收后填写协办意见，由主办单位汇总答复。', sign: '协办签收', signed: '已协办签收。',
      signFirst: '请先协办签收，再填写协办意见。', field: '协办意见', save: '提交协办意见', update: '更新协办意见', saved: '协办意见已保存。',
      current: '已提交的协办意见', none: '尚未提交', closed: '事项已不在办理中，协办意见不能再修改。', of: '{unit}的协办意见',
      status: { signed: '已签收', unsigned: '未签收' },
    },
    bulk: {
      select: '选择', selectItem: '选择：{title}', open: '批量答复（{n}）', none: '请先勾选要答复的事项。', title: '批量答复 {n} 条事项',
      intro: '同一答复内容将发送给所选的每一条事项；全部成功或全部不发送。', send: '发送答复', result: '已答复 {n} 条事项。',
      failed: '批量答复未发送（所有事项均未答复）：{error}', ok: '已答复', cancel: '取消', onlyReplyable: '只有本单位可以答复的事项可勾选（办理中、重办）。',
    },
    reviews: {
      title: '评议意见', intro: '金秤砣评议员对本单位已发布答复的评分和意见。意见由交办中心答复；评议员身份不向单位公开。',
      withOpinionOnly: '只看有意见的', item: '事项', marks: '评分', timeliness: '及时性', substance: '实质内容', attitude: '态度', score: '得分',
      opinion: '评议意见', answer: '交办中心答复', status: { OPEN: '待答复', CLOSED: '已答复' }, noOpinion: '无意见', at: '评议时间',
      callbacks: '回访任务由交办中心办理并登记结果；本单位主办或协办事项的回访情况见「回访」页。',
    },
    admin: {
      title: '单位管理', tabs: { staff: '经办人', templates: '答复模板' }, includeInactive: '包含已停用账号',
      username: '用户名', displayName: '姓名', phoneCol: '手机号', createdAt: '创建时间', phone: '手机号（接收设置密码的验证码）', roles: '角色', active: '状态', activeValue: { true: '启用', false: '已停用' },
      role: { UNIT_HANDLER: '经办人', UNIT_ADMIN: '单位管理员' } as Record<string, string>,
      newHandler: '新增经办人', create: '创建', created: '{username}：已创建，设置密码的验证码已发送到其手机。', handlerOnly: '单位管理员只能为本单位新增经办人。',
      deactivate: '停用', activate: '启用', changed: '{username}：已更新。', reset: '重置密码', resetDone: '{username}：已重置，新的验证码已发送到其手机。',
      self: '（本人）', notManaged: '单位管理员账号由系统管理员管理。', required: '请填写{field}。',
      templates: '本单位答复模板', sharedTemplates: '通用模板（交办中心维护）', newTemplate: '新增答复模板', templateTitle: '模板名称', templateBody: '模板内容',
      adoption: '默认采纳情况', noAdoption: '不预设', templateCreated: '已新增答复模板：{title}。', sharedByOffice: '通用模板由交办中心维护，单位不能修改或停用。',
    },
  },
};
const en: typeof zhCN = {
  staff: { action: { 'co-sign': 'Co-organiser signed', 'co-contribute': 'Co-organiser’s part' } },
  ud: {
    nav: { reviews: 'Evaluator reviews', admin: 'Unit admin' },
    co: {
      title: 'Co-organiser’s part', intro: 'Your unit co-organises this item: sign for your part, then write it; the lead unit merges it into the reply.', sign: 'Sign as co-organiser', signed: 'Signed as co-organiser.',
      signFirst: 'Sign as co-organiser before writing your part.', field: 'Your part', save: 'Submit your part', update: 'Update your part', saved: 'Your part was saved.',
      current: 'Part submitted', none: 'Not yet submitted', closed: 'The item is no longer being worked on: your part can no longer change.', of: 'Part from {unit}',
      status: { signed: 'signed', unsigned: 'not signed' },
    },
    bulk: {
      select: 'Select', selectItem: 'Select: {title}', open: 'Reply to selected ({n})', none: 'Tick the items to reply to first.', title: 'Reply to {n} items',
      intro: 'The same reply goes to every selected item; either all are answered or none.', send: 'Send reply', result: 'Replied to {n} items.',
      failed: 'Bulk reply not sent (no item was answered): {error}', ok: 'Replied', cancel: 'Cancel', onlyReplyable: 'Only items your unit may answer now (in progress, reopened) can be ticked.',
    },
    reviews: {
      title: 'Evaluator reviews', intro: 'The panel’s marks and opinions on your unit’s published replies. The office answers opinions; evaluators stay anonymous to units.',
      withOpinionOnly: 'With an opinion only', item: 'Item', marks: 'Marks', timeliness: 'Timeliness', substance: 'Substance', attitude: 'Attitude', score: 'Score',
      opinion: 'Opinion', answer: 'The office’s answer', status: { OPEN: 'Awaiting answer', CLOSED: 'Answered' }, noOpinion: 'No opinion', at: 'Reviewed',
      callbacks: 'Follow-up calls are made and recorded by the office; those on items your unit leads or co-organises are on the Follow-up calls page.',
    },
    admin: {
      title: 'Unit admin', tabs: { staff: 'Handlers', templates: 'Reply templates' }, includeInactive: 'Include deactivated accounts',
      username: 'Username', displayName: 'Name', phoneCol: 'Mobile', createdAt: 'Created', phone: 'Mobile (receives the set-password code)', roles: 'Roles', active: 'Status', activeValue: { true: 'Active', false: 'Deactivated' },
      role: { UNIT_HANDLER: 'Handler', UNIT_ADMIN: 'Unit admin' },
      newHandler: 'New handler', create: 'Create', created: '{username}: created; the set-password code went to their phone.', handlerOnly: 'A unit admin adds handlers to their own unit only.',
      deactivate: 'Deactivate', activate: 'Activate', changed: '{username}: updated.', reset: 'Reset password', resetDone: '{username}: reset; a new code went to their phone.',
      self: '(you)', notManaged: 'Unit admin accounts are managed by an administrator.', required: 'Enter {field}.',
      templates: 'Your unit’s reply templates', sharedTemplates: 'Shared templates (kept by the office)', newTemplate: 'New reply template', templateTitle: 'Template name', templateBody: 'Template text',
      adoption: 'Default decision', noAdoption: 'None', templateCreated: 'Template created: {title}.', sharedByOffice: 'Shared templates are kept by the office; units cannot edit or retire them.',
    },
  },
};
i18n.global.mergeLocaleMessage('zh-CN', zhCN);
i18n.global.mergeLocaleMessage('en', en);
