import { i18n } from '../i18n';

// Words of the disclosure ledger (依申请公开, /office/disclosure) and its annual report,
// merged when their chunk loads. The report's row and column labels come from the api: they
// are the national format's own wording. Error codes still go through api/errors.ts.
const zhCN = {
  dl: {
    nav: { ledger: '依申请公开', report: '年度报告', cases: '复议诉讼' },
    caseList: {
      title: '行政复议和行政诉讼', intro: '各申请引起的行政复议、行政诉讼，按立案（申请）时间从新到旧；在申请页登记和审结。',
      kind: '类型', result: '结果', year: '立案年度', all: '全部', clear: '清除筛选', empty: '没有符合条件的案件', request: '申请', noRequest: '未关联申请',
      filters: '筛选案件',
    },
    conflict: '该申请已被他人处理或已过期限，请刷新后再操作。',
    title: '依申请公开登记簿', readOnly: '你可以查阅登记簿；登记和办理由交办中心进行。',
    filter: {
      status: '状态', applicantType: '申请人类型', outcome: '办理结果', year: '收到年度', overdue: '只看已超期', callbackPending: '只看待回访',
      all: '全部', apply: '筛选', clear: '清除筛选',
    },
    col: { ledgerNumber: '登记号', subject: '申请内容', applicant: '申请人', received: '收到日期', due: '答复期限', status: '状态', outcome: '办理结果', actions: '操作' },
    status: { IN_PROGRESS: '办理中', AWAITING_CORRECTION: '待补正（暂停计时）', DECIDED: '已答复' },
    overdue: '已超期', paused: '暂停计时', extended: '已延期 {n} 个工作日', onTime: '按期答复', late: '逾期答复', callbackOpen: '待回访', callbackDone: '已回访',
    open: '查看', empty: '登记簿中暂无申请',
    applicantType: { NATURAL_PERSON: '自然人', COMMERCIAL_ENTERPRISE: '商业企业', RESEARCH_INSTITUTION: '科研机构', SOCIAL_WELFARE_ORG: '社会公益组织', LEGAL_SERVICE_ORG: '法律服务机构', OTHER_ORG: '其他组织' },
    channel: { WEBSITE: '网上申请', LETTER: '信函申请', IN_PERSON: '当面申请', FAX: '传真申请', EMAIL: '电子邮件申请', OTHER: '其他形式' },
    outcome: {
      DISCLOSED: '予以公开', PARTLY_DISCLOSED: '部分公开',
      WITHHELD_STATE_SECRET: '不予公开·属于国家秘密', WITHHELD_PROHIBITED_BY_LAW: '不予公开·其他法律行政法规禁止公开', WITHHELD_SECURITY_STABILITY: '不予公开·危及“三安全一稳定”',
      WITHHELD_THIRD_PARTY_RIGHTS: '不予公开·保护第三方合法权益', WITHHELD_INTERNAL_AFFAIRS: '不予公开·属于三类内部事务信息', WITHHELD_PROCESS_INFORMATION: '不予公开·属于四类过程性信息',
      WITHHELD_ENFORCEMENT_FILES: '不予公开·属于行政执法案卷', WITHHELD_ADMINISTRATIVE_ENQUIRY: '不予公开·属于行政查询事项',
      UNAVAILABLE_NOT_HELD: '无法提供·本机关不掌握相关政府信息', UNAVAILABLE_NEEDS_CREATION: '无法提供·没有现成信息需要另行制作', UNAVAILABLE_STILL_UNCLEAR: '无法提供·补正后申请内容仍不明确',
      NOT_PROCESSED_PETITION: '不予处理·信访举报投诉类申请', NOT_PROCESSED_REPEATED: '不予处理·重复申请', NOT_PROCESSED_PUBLICATION: '不予处理·要求提供公开出版物',
      NOT_PROCESSED_MASS_REPEATED: '不予处理·无正当理由大量反复申请', NOT_PROCESSED_CONFIRM_OR_REISSUE: '不予处理·要求行政机关确认或重新出具已获取信息', OTHER: '其他处理',
    } as Record<string, string>,
    register: {
      button: '登记申请', title: '登记依申请公开申请', applicantType: '申请人类型', applicantName: '申请人姓名或名称', contactPhone: '联系电话',
      channel: '申请方式', subject: '所需信息（简述）', content: '申请内容', receivedAt: '收到时间（不填为现在）',
      phoneHelp: '手机号或带区号的固定电话；加密保存，页面只显示掩码。', submit: '登记', cancel: '取消', done: '已登记 {number}，答复期限 {due}。',
    },
    entry: {
      back: '返回登记簿', notFound: '没有找到这条申请。', content: '申请内容', applicant: '申请人', contact: '联系电话', channel: '申请方式',
      received: '收到时间', due: '答复期限', status: '状态', extension: '延期', correction: '补正', legalReview: '合法性审核', reply: '答复', callback: '回访',
      pausedDays: '暂停 {n} 个工作日', none: '无', reviewer: '审核人', opinion: '审核意见', replyNote: '答复摘要',
      history: '办理记录', system: '系统', staff: '工作人员 #{id}', cases: '行政复议和行政诉讼', noCases: '无',
      actions: '可办理事项', noActions: '当前没有可办理的事项。', decideNeedsReview: '作出答复前须先记录合法性审核。',
    },
    extend: { title: '延长答复期限', hint: '只能延期一次，最多 20 个工作日，须在答复期限届满前决定。', days: '延长工作日数', reason: '延期理由（告知申请人）', submit: '延期', done: '已延期。' },
    correction: {
      title: '要求补正', hint: '一次性告知需要补正的全部内容；收到申请之日起 7 个工作日内提出。补正期间暂停计时。', note: '需补正的内容', submit: '发出补正通知', done: '已发出补正通知，暂停计时。',
      recordTitle: '记录补正', recordHint: '收到申请人的补正材料后记录；答复期限按暂停的工作日顺延。', answeredAt: '收到补正时间（不填为现在）', recordSubmit: '记录收到补正', recorded: '已记录补正，恢复计时。',
    },
    review: { title: '记录合法性审核', reviewer: '审核机构及审核人', reviewedAt: '审核时间（不填为现在）', opinion: '审核意见（可选）', submit: '记录审核', done: '已记录合法性审核。' },
    decide: { title: '作出答复', outcome: '办理结果', repliedAt: '答复时间（不填为现在）', replyNote: '答复摘要（可选）', submit: '记录答复', done: '已记录答复，回访任务已生成。', onlyOther: '补正期间只能以“其他处理”办结（视为放弃申请）。' },
    callback: { title: '完成回访', note: '回访情况（不要填写个人信息）', submit: '完成回访', done: '已完成回访。' },
    reveal: { title: '申请人联系方式', hint: '查看将记入办理记录。', submit: '查看联系方式', shown: '{name}，{phone}' },
    cases: {
      title: '登记行政复议或行政诉讼', kind: '类型', filedAt: '立案（申请）时间', result: '结果', caseNumber: '案号（可选）', note: '备注（可选）', submit: '登记', done: '已登记。',
      conclude: '审结', concludeResult: '审结结果', concludeSubmit: '记录审结', concluded: '已记录审结。', filed: '立案', concludedAt: '审结',
      kindValue: { ADMINISTRATIVE_REVIEW: '行政复议', LAWSUIT_DIRECT: '行政诉讼·未经复议直接起诉', LAWSUIT_AFTER_REVIEW: '行政诉讼·复议后起诉' },
      resultValue: { UPHELD: '结果维持', CORRECTED: '结果纠正', OTHER: '其他结果', PENDING: '尚未审结' },
    },
    action: {
      REGISTERED: '登记', EXTENDED: '延期', CORRECTION_REQUESTED: '要求补正', CORRECTION_RECEIVED: '收到补正', LEGAL_REVIEW_RECORDED: '合法性审核',
      DECIDED: '答复', CALLBACK_OPENED: '生成回访任务', CALLBACK_DONE: '完成回访', CONTACT_REVEALED: '查看联系方式', DUE_SOON_REMINDED: '到期提醒',
      ADMINISTRATIVE_CASE_RECORDED: '登记复议或诉讼', ADMINISTRATIVE_CASE_CONCLUDED: '复议或诉讼审结',
    } as Record<string, string>,
    report: {
      title: '政府信息公开工作年度报告（依申请公开部分）', year: '年度', show: '查看', yearInvalid: '请输入 2000–2100 之间的年度。',
      item: '项目', orgGroup: '法人或其他组织', check: '勾稽关系检查', consistent: '每一列均满足“第一项 + 第二项 = 第三项（七）总计 + 第四项”。',
      inconsistent: '以下列不满足“第一项 + 第二项 = 第三项（七）总计 + 第四项”，请先更正登记簿；更正前不能导出。',
      errorLine: '{column}：新收 {received} + 上年结转 {carriedOver} ≠ 办结 {decided} + 结转下年 {carriedForward}',
      replies: '本年度答复 {sent} 件，其中按期答复 {onTime} 件。', cases: '行政复议和行政诉讼', caseKind: '类型', total: '总计',
      export: '下载', exportXlsx: 'Excel', exportMd: 'Markdown', exportHtml: '网页（HTML）', exportBlocked: '勾稽关系不成立，暂不能导出。',
    },
  },
  fields: {
    applicantName: '申请人姓名或名称', contactPhone: '联系电话', subject: '所需信息', content: '申请内容', receivedAt: '收到时间', workingDays: '延长工作日数',
    reason: '理由', note: '说明', reviewer: '审核人', reviewedAt: '审核时间', opinion: '审核意见', outcome: '办理结果', repliedAt: '答复时间', replyNote: '答复摘要',
    answeredAt: '收到补正时间', kind: '类型', filedAt: '立案日期', result: '结果', concludedAt: '审结日期', caseNumber: '案号',
  },
};
const en: typeof zhCN = {
  dl: {
    nav: { ledger: 'Information requests', report: 'Annual report', cases: 'Reviews & lawsuits' },
    caseList: {
      title: 'Administrative reviews and lawsuits', intro: 'Reviews and lawsuits arising from requests, newest filed first; they are recorded and concluded on the request’s page.',
      kind: 'Kind', result: 'Result', year: 'Year filed', all: 'All', clear: 'Clear filters', empty: 'No cases match', request: 'Request', noRequest: 'No request linked',
      filters: 'Filter cases',
    },
    conflict: 'This request was changed by someone else or a deadline passed. Reload and try again.',
    title: 'Disclosure request ledger', readOnly: 'You may read the ledger; the coordinating office registers and handles requests.',
    filter: {
      status: 'Status', applicantType: 'Applicant type', outcome: 'Outcome', year: 'Year received', overdue: 'Overdue only', callbackPending: 'Follow-up call due only',
      all: 'All', apply: 'Filter', clear: 'Clear filters',
    },
    col: { ledgerNumber: 'Ledger no.', subject: 'Request', applicant: 'Applicant', received: 'Received', due: 'Reply due', status: 'Status', outcome: 'Outcome', actions: 'Actions' },
    status: { IN_PROGRESS: 'In progress', AWAITING_CORRECTION: 'Awaiting correction (clock paused)', DECIDED: 'Replied' },
    overdue: 'Overdue', paused: 'Clock paused', extended: 'Extended by {n} working days', onTime: 'Replied on time', late: 'Replied late', callbackOpen: 'Follow-up call due', callbackDone: 'Follow-up call done',
    open: 'Open', empty: 'No requests in the ledger',
    applicantType: { NATURAL_PERSON: 'Natural person', COMMERCIAL_ENTERPRISE: 'Commercial enterprise', RESEARCH_INSTITUTION: 'Research institution', SOCIAL_WELFARE_ORG: 'Public-interest organisation', LEGAL_SERVICE_ORG: 'Legal services', OTHER_ORG: 'Other organisation' },
    channel: { WEBSITE: 'Online', LETTER: 'Letter', IN_PERSON: 'In person', FAX: 'Fax', EMAIL: 'Email', OTHER: 'Other' },
    outcome: {
      DISCLOSED: 'Disclosed', PARTLY_DISCLOSED: 'Partly disclosed',
      WITHHELD_STATE_SECRET: 'Withheld · state secret', WITHHELD_PROHIBITED_BY_LAW: 'Withheld · prohibited by other law', WITHHELD_SECURITY_STABILITY: 'Withheld · endangers security or stability',
      WITHHELD_THIRD_PARTY_RIGHTS: 'Withheld · third-party rights', WITHHELD_INTERNAL_AFFAIRS: 'Withheld · internal affairs', WITHHELD_PROCESS_INFORMATION: 'Withheld · process information',
      WITHHELD_ENFORCEMENT_FILES: 'Withheld · enforcement files', WITHHELD_ADMINISTRATIVE_ENQUIRY: 'Withheld · administrative enquiry',
      UNAVAILABLE_NOT_HELD: 'Unavailable · not held', UNAVAILABLE_NEEDS_CREATION: 'Unavailable · would need creating', UNAVAILABLE_STILL_UNCLEAR: 'Unavailable · still unclear after correction',
      NOT_PROCESSED_PETITION: 'Not processed · petition or complaint', NOT_PROCESSED_REPEATED: 'Not processed · repeated request', NOT_PROCESSED_PUBLICATION: 'Not processed · published material',
      NOT_PROCESSED_MASS_REPEATED: 'Not processed · mass repeated requests', NOT_PROCESSED_CONFIRM_OR_REISSUE: 'Not processed · confirm or reissue', OTHER: 'Other handling',
    },
    register: {
      button: 'Register request', title: 'Register a disclosure request', applicantType: 'Applicant type', applicantName: 'Applicant name', contactPhone: 'Contact number',
      channel: 'Channel', subject: 'Information asked for (short)', content: 'Request text', receivedAt: 'Received at (empty: now)',
      phoneHelp: 'Mobile, or landline with area code; stored encrypted, shown masked.', submit: 'Register', cancel: 'Cancel', done: 'Registered {number}, reply due {due}.',
    },
    entry: {
      back: 'Back to the ledger', notFound: 'No such request.', content: 'Request text', applicant: 'Applicant', contact: 'Contact number', channel: 'Channel',
      received: 'Received', due: 'Reply due', status: 'Status', extension: 'Extension', correction: 'Correction', legalReview: 'Legal review', reply: 'Reply', callback: 'Follow-up call',
      pausedDays: 'paused {n} working days', none: 'None', reviewer: 'Reviewer', opinion: 'Opinion', replyNote: 'Reply summary',
      history: 'History', system: 'System', staff: 'Staff #{id}', cases: 'Administrative reviews and lawsuits', noCases: 'None',
      actions: 'What you can do now', noActions: 'Nothing to do on this request now.', decideNeedsReview: 'Record the legal review before the reply.',
    },
    extend: { title: 'Extend the reply period', hint: 'Once only, up to 20 working days, decided before the period ends.', days: 'Extra working days', reason: 'Reason (told to the applicant)', submit: 'Extend', done: 'Extended.' },
    correction: {
      title: 'Ask for a correction', hint: 'Name everything to correct at once, within 7 working days of receipt. The clock pauses meanwhile.', note: 'What to correct', submit: 'Send the correction notice', done: 'Correction asked for; the clock is paused.',
      recordTitle: 'Record the correction', recordHint: 'When the applicant’s correction arrives; the due date moves by the working days paused.', answeredAt: 'Arrived at (empty: now)', recordSubmit: 'Record the correction', recorded: 'Correction recorded; the clock runs again.',
    },
    review: { title: 'Record the legal review', reviewer: 'Reviewing body and reviewer', reviewedAt: 'Reviewed at (empty: now)', opinion: 'Opinion (optional)', submit: 'Record the review', done: 'Legal review recorded.' },
    decide: { title: 'Record the reply', outcome: 'Outcome', repliedAt: 'Replied at (empty: now)', replyNote: 'Reply summary (optional)', submit: 'Record the reply', done: 'Reply recorded; a follow-up call is due.', onlyOther: 'While a correction is awaited, only “other handling” (request abandoned) is possible.' },
    callback: { title: 'Complete the follow-up call', note: 'What the call found (no personal data)', submit: 'Complete the call', done: 'Follow-up call completed.' },
    reveal: { title: 'Applicant’s contact', hint: 'Viewing it is recorded in the history.', submit: 'Show the contact', shown: '{name}, {phone}' },
    cases: {
      title: 'Record an administrative review or lawsuit', kind: 'Kind', filedAt: 'Filed at', result: 'Result', caseNumber: 'Case number (optional)', note: 'Note (optional)', submit: 'Record', done: 'Recorded.',
      conclude: 'Conclude', concludeResult: 'Result', concludeSubmit: 'Record the conclusion', concluded: 'Conclusion recorded.', filed: 'Filed', concludedAt: 'Concluded',
      kindValue: { ADMINISTRATIVE_REVIEW: 'Administrative review', LAWSUIT_DIRECT: 'Lawsuit, without review', LAWSUIT_AFTER_REVIEW: 'Lawsuit after review' },
      resultValue: { UPHELD: 'Upheld', CORRECTED: 'Corrected', OTHER: 'Other result', PENDING: 'Pending' },
    },
    action: {
      REGISTERED: 'Registered', EXTENDED: 'Extended', CORRECTION_REQUESTED: 'Correction asked for', CORRECTION_RECEIVED: 'Correction received', LEGAL_REVIEW_RECORDED: 'Legal review',
      DECIDED: 'Replied', CALLBACK_OPENED: 'Follow-up call opened', CALLBACK_DONE: 'Follow-up call done', CONTACT_REVEALED: 'Contact viewed', DUE_SOON_REMINDED: 'Due-soon reminder',
      ADMINISTRATIVE_CASE_RECORDED: 'Review or lawsuit recorded', ADMINISTRATIVE_CASE_CONCLUDED: 'Review or lawsuit concluded',
    },
    report: {
      title: 'Annual disclosure report (requests)', year: 'Year', show: 'Show', yearInvalid: 'Enter a year between 2000 and 2100.',
      item: 'Item', orgGroup: 'Legal persons or other organisations', check: 'Consistency check', consistent: 'Every column satisfies 1 + 2 = 3 (total) + 4.',
      inconsistent: 'These columns break 1 + 2 = 3 (total) + 4. Correct the ledger first; the report cannot be exported until then.',
      errorLine: '{column}: received {received} + carried over {carriedOver} ≠ decided {decided} + carried forward {carriedForward}',
      replies: '{sent} replies sent this year, {onTime} of them on time.', cases: 'Administrative reviews and lawsuits', caseKind: 'Kind', total: 'Total',
      export: 'Download', exportXlsx: 'Excel', exportMd: 'Markdown', exportHtml: 'Web page (HTML)', exportBlocked: 'The consistency check fails, so the report cannot be exported yet.',
    },
  },
  fields: {
    applicantName: 'Applicant name', contactPhone: 'Contact number', subject: 'Information asked for', content: 'Request text', receivedAt: 'Received at', workingDays: 'Extra working days',
    reason: 'Reason', note: 'Note', reviewer: 'Reviewer', reviewedAt: 'Reviewed at', opinion: 'Opinion', outcome: 'Outcome', repliedAt: 'Replied at', replyNote: 'Reply summary',
    answeredAt: 'Correction arrived at', kind: 'Kind', filedAt: 'Filed on', result: 'Result', concludedAt: 'Concluded on', caseNumber: 'Case number',
  },
};
i18n.global.mergeLocaleMessage('zh-CN', zhCN);
i18n.global.mergeLocaleMessage('en', en);
