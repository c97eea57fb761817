import { i18n } from '../i18n';

// Words of /office/statistics, /admin/jobs, the unit and staff edits and channels on /admin, and
// /staff/set-password (namespace om.*), merged when one of those chunks loads.
const zhCN = {
  om: {
    nav: { statistics: '统计分析', jobs: '失败任务' },
    stats: {
      title: '统计分析', from: '开始日期', to: '结束日期', groupBy: '分组方式', show: '查询', total: '合计',
      groupByValue: { MONTH: '按月', CAMPAIGN: '按期次', UNIT: '按承办单位', CATEGORY: '按类别', CHANNEL: '按来源渠道' },
      col: {
        group: '分组', received: '收到建言', accepted: '受理交办', rejected: '不予受理', replied: '已答复', adopted: '采纳', adoptionRate: '采纳率',
        onTimeReplyRate: '按时办结率', onTimeSignRate: '响应率', satisfaction: '满意度', reopened: '重办',
      },
      chart: '{from} 至 {to} {groupBy}：收到、已答复、采纳件数', empty: '该期间没有数据', none: '—',
      totalNote: '合计按整个期间计，不是各组之和：一件建言可能属于多个分组（如转办后的两个单位）。',
      export: '导出', exportXlsx: 'Excel', exportCsv: 'CSV', required: '请选择{field}。',
      toBeforeFrom: '结束日期不能早于开始日期。', periodRefused: '无法统计该期间：日期须为 YYYY-MM-DD，结束不早于开始，最长约 10 年。',
    },
    jobs: {
      title: '失败任务', intro: '最后一次尝试仍失败的后台任务（最新的在前，最多 100 条）。「重试」让任务以完整的重试次数重新执行，并记入操作日志。',
      col: { id: '任务编号', name: '任务', attempts: '尝试次数', error: '错误', failedAt: '失败时间' },
      empty: '没有失败的任务', dashboard: '打开队列面板（Bull Board）', noDashboard: '当前为嵌入式运行（无 Redis）：任务队列即发件箱表，没有队列面板。', reload: '刷新',
    },
    admin: {
      edit: '编辑', parent: '上级单位', settings: '设置', save: '保存', cancel: '取消', editUnit: '编辑单位：{name}', editStaff: '编辑工作人员：{name}', saved: '{name}：已保存。',
      channels: '通知渠道', since: '统计自 {since} 起（近 7 天）的发送记录。', channel: '渠道', state: '状态', transport: '发送方式', sent: '已发送', dead: '失败', sending: '发送中/待重试', skipped: '无需发送', lastError: '最近错误',
      channelValue: { SMS: '短信（居民）', WEBHOOK: 'Webhook（工作人员）', LOG: '日志（工作人员）' },
      transportValue: { WEBHOOK: '网关 Webhook', FILE: '开发用短信文件', LOG: '服务器日志' },
      enabled: '启用', disabled: '未启用', noError: '无', errorAt: '（{at}）',
    },
    setPassword: {
      title: '设置密码', intro: '新账号或密码被重置后，验证码会以短信发送到您登记的手机，72 小时内有效。', username: '用户名', code: '验证码', password: '新密码（12 位以上，不能包含用户名）',
      confirm: '再次输入新密码', submit: '设置密码', mismatch: '两次输入的密码不一致。', done: '密码已设置，请用新密码登录。', required: '请填写{field}。', tooShort: '密码至少 12 位。', signIn: '返回登录', codeRefused: '验证码错误或已过期，请联系管理员重新发送。', containsUsername: '密码不能包含用户名。', link: '新账号或收到验证码？设置密码',
    },
  },
};
const en: typeof zhCN = {
  om: {
    nav: { statistics: 'Statistics', jobs: 'Failed jobs' },
    stats: {
      title: 'Statistics', from: 'From', to: 'To', groupBy: 'Group by', show: 'Show', total: 'Total',
      groupByValue: { MONTH: 'Month', CAMPAIGN: 'Campaign', UNIT: 'Lead unit', CATEGORY: 'Category', CHANNEL: 'Intake channel' },
      col: {
        group: 'Group', received: 'Received', accepted: 'Assigned', rejected: 'Rejected', replied: 'Replied', adopted: 'Adopted', adoptionRate: 'Adoption rate',
        onTimeReplyRate: 'On-time replies', onTimeSignRate: 'Response rate', satisfaction: 'Satisfaction', reopened: 'Reopened',
      },
      chart: '{from} to {to} by {groupBy}: received, replied and adopted', empty: 'No figures for this period', none: '—',
      totalNote: 'The total counts the whole period, not the sum of the groups: an item can fall in several (two units after a transfer).',
      export: 'Export', exportXlsx: 'Excel', exportCsv: 'CSV', required: 'Choose {field}.',
      toBeforeFrom: 'The end date must not be before the start date.', periodRefused: 'This period cannot be counted: dates as YYYY-MM-DD, the end not before the start, at most about 10 years.',
    },
    jobs: {
      title: 'Failed jobs', intro: 'Background jobs that failed their last attempt (newest first, up to 100). Retry runs a job again with a full set of attempts, and is recorded.',
      col: { id: 'Job id', name: 'Job', attempts: 'Attempts', error: 'Error', failedAt: 'Failed at' },
      empty: 'No failed jobs', dashboard: 'Open the queue dashboard (Bull Board)', noDashboard: 'Embedded mode (no Redis): the outbox table is the queue and there is no queue dashboard.', reload: 'Reload',
    },
    admin: {
      edit: 'Edit', parent: 'Parent unit', settings: 'Settings', save: 'Save', cancel: 'Cancel', editUnit: 'Edit unit: {name}', editStaff: 'Edit staff account: {name}', saved: '{name}: saved.',
      channels: 'Notification channels', since: 'Deliveries since {since} (the last 7 days).', channel: 'Channel', state: 'State', transport: 'Transport', sent: 'Sent', dead: 'Failed', sending: 'Sending / to retry', skipped: 'Skipped', lastError: 'Latest error',
      channelValue: { SMS: 'SMS (residents)', WEBHOOK: 'Webhook (staff)', LOG: 'Log (staff)' },
      transportValue: { WEBHOOK: 'Gateway webhook', FILE: 'Development SMS file', LOG: 'Server log' },
      enabled: 'On', disabled: 'Off', noError: 'None', errorAt: ' ({at})',
    },
    setPassword: {
      title: 'Set your password', intro: 'A new account or a reset password gets a code by text message to your registered phone, valid for 72 hours.', username: 'Username', code: 'Code', password: 'New password (12+ characters, not containing the username)',
      confirm: 'New password again', submit: 'Set password', mismatch: 'The two passwords differ.', done: 'Password set: sign in with it.', required: 'Enter {field}.', tooShort: 'At least 12 characters.', signIn: 'Back to sign-in', codeRefused: 'The code is wrong or has expired: ask an administrator to send a new one.', containsUsername: 'The password must not contain the username.', link: 'New account or got a code? Set your password',
    },
  },
};
i18n.global.mergeLocaleMessage('zh-CN', zhCN);
i18n.global.mergeLocaleMessage('en', en);

/** A moment as date and minute in Shanghai, in the current language. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(i18n.global.locale.value, {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
  }).format(new Date(iso));
}
