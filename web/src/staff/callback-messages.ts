import { i18n } from '../i18n';

// Words of the follow-up calls (回访) a unit reads, and of retrying a failed job; merged when a
// staff chunk loads. Error codes still go through api/errors.ts.
const zhCN = {
  cb: {
    nav: '回访',
    title: '回访情况',
    intro: '交办中心在答复发出后对建议人进行电话回访并登记结果；这里列出本单位主办或协办事项的回访。手机号已隐藏。',
    itemTitle: '回访',
    itemEmpty: '本事项尚无回访任务（答复发出后生成）。',
    tabs: { ALL: '全部', OPEN: '待回访', DONE: '已完成' } as Record<string, string>,
    col: { item: '事项', status: '状态', phone: '建议人手机', due: '回访期限', outcome: '回访结果', note: '回访情况', completedAt: '完成时间' },
    status: { OPEN: '待回访', DONE: '已完成' } as Record<string, string>,
    outcome: {
      REACHED_SATISFIED: '已回访·满意', REACHED_UNSATISFIED: '已回访·不满意', REACHED_NO_COMMENT: '已回访·无意见', NOT_REACHED: '未接通', DECLINED: '拒绝回访',
    } as Record<string, string>,
    none: '—',
  },
  jobsRetry: {
    action: '重试', confirm: '重新执行任务 {name}（{id}）？任务将获得完整的重试次数。', ok: '重试', cancel: '取消', done: '{name}：已重新排队。',
    refused: '{name}：无法重试：{error}',
  },
};
const en: typeof zhCN = {
  cb: {
    nav: 'Follow-up calls',
    title: 'Follow-up calls',
    intro: 'After a reply the office calls the author and records what they said; here are the calls on items your unit leads or co-organises. Phone numbers are masked.',
    itemTitle: 'Follow-up calls',
    itemEmpty: 'No follow-up call yet (one is opened when a reply goes out).',
    tabs: { ALL: 'All', OPEN: 'To call', DONE: 'Done' },
    col: { item: 'Item', status: 'Status', phone: 'Author’s mobile', due: 'Call by', outcome: 'Outcome', note: 'Call notes', completedAt: 'Completed' },
    status: { OPEN: 'To call', DONE: 'Done' },
    outcome: {
      REACHED_SATISFIED: 'Reached · satisfied', REACHED_UNSATISFIED: 'Reached · unsatisfied', REACHED_NO_COMMENT: 'Reached · no comment', NOT_REACHED: 'Not reached', DECLINED: 'Declined the call',
    },
    none: '—',
  },
  jobsRetry: {
    action: 'Retry', confirm: 'Run job {name} ({id}) again? It gets a full set of attempts.', ok: 'Retry', cancel: 'Cancel', done: '{name}: queued again.',
    refused: '{name}: cannot retry: {error}',
  },
};
i18n.global.mergeLocaleMessage('zh-CN', zhCN);
i18n.global.mergeLocaleMessage('en', en);
