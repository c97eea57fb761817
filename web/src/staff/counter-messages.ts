import { i18n } from '../i18n';

// Words of the counter workbench (/counter): 代录 for a resident at the desk, on the phone or by
// letter, and the recorded lookup of a resident's items by phone. Merged when the page loads;
// error codes still go through api/errors.ts.
const zhCN = {
  cd: {
    nav: { counter: '窗口代录' },
    title: '窗口代录与查询',
    tabs: { intake: '代录建言', lookup: '按手机号查询' },
    intake: {
      intro: '为来电、来信或到窗口的居民录入建言。居民凭该手机号登录即可看到这条建言并接收通知。',
      campaign: '征集活动', noCampaign: '目前没有正在征集的活动，不能代录。', channel: '来源渠道', phone: '居民手机号',
      residentName: '居民称呼（选填，新居民账号使用）', category: '类别', title: '标题', body: '建言内容', location: '地点（选填）',
      consent: '居民当面同意公开（打码后）建言及答复', anonymous: '公开时显示为“匿名”',
      submit: '录入建言', another: '继续录入下一条', required: '请填写{field}。', pick: '请选择{field}。',
      length: '{field}应为 {min}–{max} 个字。', phoneFormat: '请填写 11 位手机号。',
      done: '已录入，编号 {number}', replayed: '这条建言此前已录入（重复提交未新建），编号 {number}',
      tell: '请把编号告诉居民，凭编号可在“进度查询”查看办理情况。', keyNote: '同一表单重复提交只会生成一条建言。',
    },
    channel: { COUNTER: '窗口', PHONE: '电话', LETTER: '信件', HOTLINE_12345: '12345 热线' } as Record<string, string>,
    lookup: {
      intro: '按居民提供的手机号查看其全部建言及答复，用于在窗口告知办理结果。',
      recorded: '每次查询都会记录查询人、查询原因和时间，供个人信息审计。仅在居民本人要求时查询。',
      phone: '居民手机号', reason: '查询原因（会被记录）', defaultReason: '居民到窗口查询建言办理情况', search: '查询',
      reasonLength: '查询原因应为 5–500 个字。', none: '该手机号下没有建言。', count: '共 {n} 条',
      number: '编号', channel: '渠道', status: '状态', submitted: '提交时间', replyDue: '答复期限', reply: '答复',
      noReply: '尚无已发布的答复', online: '网上', closeReason: '不予受理 / 办结原因：{reason}', published: '发布于 {at}',
    },
  },
};
const en: typeof zhCN = {
  cd: {
    nav: { counter: 'Counter desk' },
    title: 'Counter intake and lookup',
    tabs: { intake: 'Record a suggestion', lookup: 'Look up by phone' },
    intake: {
      intro: 'Record a suggestion for a resident who called, wrote or came to the desk. Signing in with this phone, the resident sees it and gets its notices.',
      campaign: 'Campaign', noCampaign: 'No campaign is open: nothing can be recorded now.', channel: 'Channel', phone: 'Resident’s mobile',
      residentName: 'Resident’s name (optional, for a new account)', category: 'Category', title: 'Title', body: 'Suggestion', location: 'Location (optional)',
      consent: 'The resident agreed in person to publish it and its reply (masked)', anonymous: 'Show as “anonymous” when published',
      submit: 'Record', another: 'Record another', required: 'Enter {field}.', pick: 'Choose {field}.',
      length: '{field} must be {min}–{max} characters.', phoneFormat: 'Enter an 11-digit mobile number.',
      done: 'Recorded as {number}', replayed: 'Already recorded (the repeat made nothing new): {number}',
      tell: 'Give the resident this number: it tracks the item under “Track”.', keyNote: 'Sending this form twice makes one item only.',
    },
    channel: { COUNTER: 'Counter', PHONE: 'Phone', LETTER: 'Letter', HOTLINE_12345: '12345 hotline' },
    lookup: {
      intro: 'A resident’s items and replies, by the phone they give, to hand out answers at the desk.',
      recorded: 'Every lookup is recorded with your name, the reason and the time for the personal-data audit. Look only when the resident asks.',
      phone: 'Resident’s mobile', reason: 'Reason (recorded)', defaultReason: 'Resident asked at the counter about their suggestions', search: 'Look up',
      reasonLength: 'The reason must be 5–500 characters.', none: 'No items for this phone.', count: '{n} items',
      number: 'Number', channel: 'Channel', status: 'Status', submitted: 'Submitted', replyDue: 'Reply by', reply: 'Reply',
      noReply: 'No published reply yet', online: 'Online', closeReason: 'Rejected / closed because: {reason}', published: 'Published {at}',
    },
  },
};
i18n.global.mergeLocaleMessage('zh-CN', zhCN);
i18n.global.mergeLocaleMessage('en', en);
