import { i18n } from '../i18n';

// The workbenches' words, merged into the catalogue when a staff chunk loads (the resident's
// first load does not carry them). Error codes still go through api/errors.ts.
const zhCN = {
  staff: {
    title: '工作台', signIn: '工作人员登录', username: '用户名', password: '密码', signInButton: '登录', signOut: '退出登录',
    denied: '你的账号没有可用的工作台。', item: '建言办理', menu: '工作台菜单', required: '请填写{field}。',
    nav: { unit: '单位办理', office: '交办中心' },
    tabs: { AWAITING_SIGNATURE: '待签收', IN_PROGRESS: '办理中', DUE_SOON: '即将到期', OVERDUE: '已超期', REOPENED: '重办', IN_REVIEW: '审核中' },
    col: { trackingNumber: '编号', title: '标题', category: '类别', status: '状态', signDue: '签收期限', replyDue: '答复期限', submitted: '提交时间', routing: '建议交办', actions: '操作' },
    daysLeft: '剩 {n} 个工作日', overdueBy: '已超期 {n} 个工作日', dueToday: '今日到期', empty: '暂无事项', loadMore: '加载更多',
    coOrganisers: '协办单位', leadUnit: '主办单位', none: '无', timeline: '办理记录', replies: '答复',
    sign: '签收', signed: '已签收', return: '退回交办中心', reason: '理由', note: '办理进度', addNote: '记录进度',
    extension: '申请延期', extensionPending: '延期申请已提交，待交办中心审批。', extraDays: '延长工作日数', reply: '答复', adoption: '采纳情况', notAdoptedReason: '不采纳理由',
    template: '答复模板', freeText: '不用模板', body: '答复内容', submitReply: '提交答复', done: '已保存。', reload: '刷新',
    conflict: '这条建言已被他人改动，请刷新后再操作。',
    assign: '交办', assignTo: '主办单位', coUnits: '协办单位', useSuggestion: '按建议交办', noRule: '没有匹配的交办规则，请手动选择。',
    reject: '不予受理', rejectReason: '不予受理理由', queue: '待甄别', assigned: '已交办。', rejected: '已不予受理。',
    select: '选择', selectItem: '选择：{title}', bulkAssign: '批量按建议交办（{n}）', bulkNone: '请先勾选要按建议交办的事项。', bulkResult: '批量交办：{ok} 条成功，{failed} 条失败。', bulkOk: '已交办', bulkFailed: '未交办：{error}',
    merge: '合并', mergeInto: '合并到', mergeNote: '说明（可选）', merged: '已合并。', duplicates: '疑似重复', mergeTarget: '合并到的事项',
    adoptionValue: { ADOPTED: '采纳', PARTIALLY_ADOPTED: '部分采纳', ALREADY_DONE: '已经在做', FOR_REFERENCE: '留作参考', NOT_ADOPTED: '不予采纳' },
    action: {
      submit: '提交', withdraw: '撤回', reject: '不予受理', merge: '合并', assign: '交办', sign: '签收', return: '退回', transfer: '改派', reply: '答复',
      approveReply: '审核通过答复', sendBackReply: '退回答复', rateSatisfied: '评价满意', rateUnsatisfied: '评价不满意', autoClose: '到期办结',
      close: '办结', addProgressNote: '办理进度', contribute: '协办意见', requestExtension: '申请延期',
      'extension-requested': '申请延期', 'extension-approved': '批准延期', 'extension-denied': '不批准延期',
    } as Record<string, string>,
    replyStatus: { PENDING_REVIEW: '待审核', PUBLISHED: '已发布', SENT_BACK: '已退回修改' },
    office: {
      nav: { overdue: '督办', extensions: '延期申请', reviews: '答复审核', campaigns: '征集活动', rules: '规则与模板', calendar: '工作日历' },
      calendar: {
        title: '工作日历', year: '年度', intro: '周一至周五为工作日；下表为例外：法定节假日、调休上班日和本地调整。办理期限均按此计算。',
        date: '日期', kind: '类型', name: '名称', source: '来源', official: '国务院安排', local: '本地调整',
        kindValue: { HOLIDAY: '放假', WORKDAY: '调休上班' },
        add: '新增本地调整', addTitle: '新增本地调整', kindField: '当天', nameField: '名称（可选）', save: '保存',
        saved: '已保存 {date} 的本地调整。', remove: '移除', removed: '已移除 {date} 的本地调整。', restored: '已移除 {date} 的本地调整，恢复国务院安排。',
        overwrites: '该日期已有安排，保存后以本地调整为准。', empty: '该年度没有例外日期。', month: '{m}月',
      },
      overdueTitle: '督办：超期事项', allUnits: '全部单位', unitFilter: '主办单位', workingDaysOverdue: '超期工作日', overdueDays: '超期 {n} 个工作日',
      transfer: '改派', transferTo: '改派至主办单位', transferReason: '改派理由', transferred: '已改派。',
      extensionsTitle: '待审批的延期申请', unit: '申请单位', requested: '申请时间', currentDue: '原答复期限', newDue: '延期后期限', extraDays: '延长 {n} 个工作日',
      approve: '批准', approveTo: '批准（新期限 {date}）', refuse: '不批准', refuseReason: '不批准理由', approved: '已批准延期。', refused: '已不批准延期。',
      reviewsTitle: '待审核的答复', approveReply: '审核通过', sendBack: '退回修改', sendBackReason: '退回理由', replyApproved: '答复已审核通过并发布。', replySentBack: '答复已退回单位修改。', onTime: '按时', late: '逾期',
      campaignsTitle: '征集活动', statusFilter: '状态', allStatuses: '全部', newCampaign: '新建征集活动', numberNote: '期号由系统按年度顺延编排。',
      year: '年度', titleField: '标题', topic: '主题', description: '说明', opensAt: '开始时间', closesAt: '截止时间', categories: '类别（以顿号或逗号分隔）', requireReview: '答复须经交办中心审核',
      create: '创建', created: '已创建 {label}。', open: '开始征集', close: '结束征集', opened: '{label} 已开始征集。', closed: '{label} 已结束征集。', window: '征集时间',
      campaignStatus: { DRAFT: '草稿', OPEN: '征集中', CLOSED: '已结束', ARCHIVED: '已归档' },
      rulesTitle: '交办规则与答复模板', routingRules: '交办规则', replyTemplates: '答复模板', newRule: '新建交办规则', newTemplate: '新建答复模板',
      ruleName: '规则名称', priority: '优先级（小者优先）', keywords: '关键词（以顿号或逗号分隔）', area: '区域', shared: '全部单位通用', scope: '适用单位', adoptionDefault: '默认采纳情况',
      noEdit: '接口暂不支持修改已有规则和模板。', rulesByAdmin: '交办规则由系统管理员新建。', conditions: '匹配条件', ruleCreated: '已新建交办规则。', templateCreated: '已新建答复模板。', cancel: '取消',
    },
    statusValue: { SUBMITTED: '待甄别', RETURNED: '已退回', ASSIGNED: '待签收', IN_PROGRESS: '办理中', REPLY_REVIEW: '答复审核中', REPLIED: '已答复', CLOSED: '已办结', REJECTED: '不予受理', MERGED: '已合并', WITHDRAWN: '已撤回' },
  },
};
const en: typeof zhCN = {
  staff: {
    title: 'Workbench', signIn: 'Staff sign-in', username: 'Username', password: 'Password', signInButton: 'Sign in', signOut: 'Sign out',
    denied: 'Your account has no workbench.', item: 'Item', menu: 'Workbench menu', required: 'Enter {field}.',
    nav: { unit: 'Unit inbox', office: 'Screening office' },
    tabs: { AWAITING_SIGNATURE: 'To sign', IN_PROGRESS: 'In progress', DUE_SOON: 'Due soon', OVERDUE: 'Overdue', REOPENED: 'Reopened', IN_REVIEW: 'In review' },
    col: { trackingNumber: 'Number', title: 'Title', category: 'Category', status: 'Status', signDue: 'Sign by', replyDue: 'Reply by', submitted: 'Submitted', routing: 'Suggested routing', actions: 'Actions' },
    daysLeft: '{n} working days left', overdueBy: 'Overdue by {n} working days', dueToday: 'Due today', empty: 'Nothing here', loadMore: 'Load more',
    coOrganisers: 'Co-organisers', leadUnit: 'Lead unit', none: 'None', timeline: 'History', replies: 'Replies',
    sign: 'Sign', signed: 'Signed.', return: 'Return to the office', reason: 'Reason', note: 'Progress note', addNote: 'Add note',
    extension: 'Request an extension', extensionPending: 'Extension requested: the office has yet to decide.', extraDays: 'Extra working days', reply: 'Reply', adoption: 'Decision', notAdoptedReason: 'Why not adopted',
    template: 'Template', freeText: 'No template', body: 'Reply text', submitReply: 'Submit reply', done: 'Saved.', reload: 'Reload',
    conflict: 'This item changed meanwhile: reload and try again.',
    assign: 'Assign', assignTo: 'Lead unit', coUnits: 'Co-organisers', useSuggestion: 'Assign as suggested', noRule: 'No routing rule matched: choose by hand.',
    reject: 'Reject', rejectReason: 'Reason for rejecting', queue: 'Screening queue', assigned: 'Assigned.', rejected: 'Rejected.',
    select: 'Select', selectItem: 'Select: {title}', bulkAssign: 'Assign selected as suggested ({n})', bulkNone: 'Tick the items to assign as suggested first.', bulkResult: 'Bulk assignment: {ok} assigned, {failed} failed.', bulkOk: 'Assigned', bulkFailed: 'Not assigned: {error}',
    merge: 'Merge', mergeInto: 'Merge into', mergeNote: 'Note (optional)', merged: 'Merged.', duplicates: 'Possible duplicates', mergeTarget: 'Item to merge into',
    adoptionValue: { ADOPTED: 'Adopted', PARTIALLY_ADOPTED: 'Partly adopted', ALREADY_DONE: 'Already done', FOR_REFERENCE: 'For reference', NOT_ADOPTED: 'Not adopted' },
    action: {
      submit: 'Submitted', withdraw: 'Withdrawn', reject: 'Rejected', merge: 'Merged', assign: 'Assigned', sign: 'Signed', return: 'Returned', transfer: 'Transferred', reply: 'Replied',
      approveReply: 'Reply approved', sendBackReply: 'Reply sent back', rateSatisfied: 'Rated satisfied', rateUnsatisfied: 'Rated unsatisfied', autoClose: 'Closed on expiry',
      close: 'Closed', addProgressNote: 'Progress note', contribute: 'Co-organiser’s part', requestExtension: 'Extension requested',
      'extension-requested': 'Extension requested', 'extension-approved': 'Extension approved', 'extension-denied': 'Extension refused',
    },
    replyStatus: { PENDING_REVIEW: 'Awaiting review', PUBLISHED: 'Published', SENT_BACK: 'Sent back' },
    office: {
      nav: { overdue: 'Overdue', extensions: 'Extensions', reviews: 'Reply review', campaigns: 'Campaigns', rules: 'Rules & templates', calendar: 'Working days' },
      calendar: {
        title: 'Working-day calendar', year: 'Year', intro: 'Monday to Friday are working days; the exceptions are below: public holidays, make-up working days and local changes. Every deadline is counted on this calendar.',
        date: 'Date', kind: 'Kind', name: 'Name', source: 'Source', official: 'State Council', local: 'Local change',
        kindValue: { HOLIDAY: 'Day off', WORKDAY: 'Working day (make-up)' },
        add: 'Add a local change', addTitle: 'Add a local change', kindField: 'That day is', nameField: 'Name (optional)', save: 'Save',
        saved: 'Local change for {date} saved.', remove: 'Remove', removed: 'Local change for {date} removed.', restored: 'Local change for {date} removed: the State Council schedule applies again.',
        overwrites: 'This date has an entry already: the local change will take its place.', empty: 'No exceptions this year.', month: 'Month {m}',
      },
      overdueTitle: 'Overdue items across units', allUnits: 'All units', unitFilter: 'Lead unit', workingDaysOverdue: 'Working days overdue', overdueDays: '{n} working days overdue',
      transfer: 'Transfer', transferTo: 'New lead unit', transferReason: 'Reason for transfer', transferred: 'Transferred.',
      extensionsTitle: 'Extension requests to decide', unit: 'Unit', requested: 'Requested', currentDue: 'Current deadline', newDue: 'Deadline if approved', extraDays: '{n} more working days',
      approve: 'Approve', approveTo: 'Approve (new deadline {date})', refuse: 'Refuse', refuseReason: 'Reason for refusing', approved: 'Extension approved.', refused: 'Extension refused.',
      reviewsTitle: 'Replies awaiting review', approveReply: 'Approve', sendBack: 'Send back', sendBackReason: 'Why it goes back', replyApproved: 'Reply approved and published.', replySentBack: 'Reply sent back to the unit.', onTime: 'On time', late: 'Late',
      campaignsTitle: 'Campaigns', statusFilter: 'Status', allStatuses: 'All', newCampaign: 'New campaign', numberNote: 'The platform gives the next number of the year.',
      year: 'Year', titleField: 'Title', topic: 'Topic', description: 'Description', opensAt: 'Opens', closesAt: 'Closes', categories: 'Categories (separated by commas)', requireReview: 'Replies need the office’s review',
      create: 'Create', created: '{label} created.', open: 'Open', close: 'Close', opened: '{label} is open.', closed: '{label} is closed.', window: 'Window',
      campaignStatus: { DRAFT: 'Draft', OPEN: 'Open', CLOSED: 'Closed', ARCHIVED: 'Archived' },
      rulesTitle: 'Routing rules and reply templates', routingRules: 'Routing rules', replyTemplates: 'Reply templates', newRule: 'New routing rule', newTemplate: 'New reply template',
      ruleName: 'Rule name', priority: 'Priority (lower first)', keywords: 'Keywords (separated by commas)', area: 'Area', shared: 'Shared by all units', scope: 'Unit', adoptionDefault: 'Default decision',
      noEdit: 'The api cannot edit existing rules and templates yet.', rulesByAdmin: 'Routing rules are created by an administrator.', conditions: 'Matches', ruleCreated: 'Routing rule created.', templateCreated: 'Reply template created.', cancel: 'Cancel',
    },
    statusValue: { SUBMITTED: 'To screen', RETURNED: 'Returned', ASSIGNED: 'To sign', IN_PROGRESS: 'In progress', REPLY_REVIEW: 'Reply in review', REPLIED: 'Replied', CLOSED: 'Closed', REJECTED: 'Rejected', MERGED: 'Merged', WITHDRAWN: 'Withdrawn' },
  },
};
i18n.global.mergeLocaleMessage('zh-CN', zhCN);
i18n.global.mergeLocaleMessage('en', en);

/** Working days (Mon–Fri) from today to the due date in Shanghai; negative when past. Holidays are not counted in. */
export function workingDaysLeft(iso: string | null | undefined, now = new Date()): number | null {
  if (!iso) return null;
  const day = (d: Date) => {
    const s = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
    return new Date(`${s}T00:00:00Z`);
  };
  const from = day(now);
  const to = day(new Date(iso));
  const sign = to >= from ? 1 : -1;
  let n = 0;
  for (const d = new Date(from); sign > 0 ? d < to : d > to; d.setUTCDate(d.getUTCDate() + sign)) {
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) n += sign;
  }
  if (sign < 0 && new Date(iso) < now && n === 0) return -0.5; // past today's deadline
  return n;
}
