// Words for the names that messages mention: input fields, record kinds, statuses, actions.
// The English tables (labels.en.ts) must have the same keys; i18n.spec.ts checks them against the code.

/** Input fields, by their last path segment (`winners.0.suggestionId` → `suggestionId`). */
export const FIELDS = {
  id: '编号', ids: '编号', after: '分页游标', first: '每页条数', phone: '手机号码', code: '代码', username: '用户名', password: '密码', newPassword: '新密码', currentPassword: '当前密码',
  name: '名称', displayName: '称呼', kind: '类别', parentId: '上级单位', active: '启用状态', includeInactive: '是否含停用单位',
  year: '年份', number: '期数', title: '标题', topic: '主题', description: '说明', opensAt: '开始时间', closesAt: '截止时间',
  categories: '分类', category: '分类', replyDays: '答复时限天数', signDays: '签收时限天数', reopenReplyDays: '重办时限天数',
  ratingDays: '评价期限天数', maxReopens: '重办次数上限', prizeText: '奖励说明', requireReplyReview: '答复是否须审核',
  campaignId: '征集活动', body: '正文', area: '地点', location: '地点', consentToPublish: '是否同意公开', anonymous: '是否匿名',
  idempotencyKey: '幂等键', photoIds: '图片', trackingNumber: '建议编号', suggestionId: '建议', suggestionIds: '建议', targetId: '合并目标',
  leadUnitId: '主办单位', coUnitIds: '协办单位', unitId: '单位', reason: '原因', note: '说明', expectedVersion: '版本号',
  adoption: '采纳情况', notAdoptedReason: '未采纳原因', templateId: '答复模板', replyId: '答复', rating: '评价', comment: '意见',
  days: '天数', requestId: '申请', approve: '审批结果', approved: '审批结果', decision: '决定', status: '状态', statuses: '状态',
  optOuts: '退订项目', quarter: '季度', weights: '权重', satisfactionBasis: '满意率计算口径', response: '响应率权重', onTime: '按时办结率权重', satisfaction: '满意率权重',
  evaluation: '评议得分权重', winners: '获奖名单', rank: '名次', from: '开始日期', to: '结束日期', date: '日期', type: '类型',
  keywords: '关键词', priority: '优先级', timeliness: '及时性评分', substance: '实效性评分', attitude: '态度评分', opinion: '评议意见',
  answer: '答复', opinionId: '评议意见', file: '文件名', format: '格式', receivedAt: '收到日期', contactPhone: '联系电话',
  applicantName: '申请人', applicantType: '申请人类型', subject: '申请事项', content: '申请内容', answeredAt: '补正日期',
  reviewedAt: '审核日期', repliedAt: '答复日期', outcome: '处理结果', caseId: '案件', result: '结果', concludedAt: '审结日期',
  filedAt: '立案日期', ledgerNumber: '台账编号', channel: '渠道', search: '检索词', query: '检索词', confirm: '确认', sort: '排序',
  text: '内容', isOpen: '是否开放', unitKind: '单位类别', group: '组别', minItems: '最少件数', topN: '推荐名额', extendDays: '延长天数',
  outcomeNote: '结果说明', legalReviewNote: '审核意见', correctionNote: '补正说明', callbackNote: '回访情况', roles: '角色',
  ratingWindowDays: '评价期限天数', contribution: '协办意见', extraWorkingDays: '延长工作日数', level: '级别', filter: '筛选条件',
  asCoOrganiser: '是否按协办单位查询', workingDays: '工作日数', reviewer: '审核人', replyNote: '答复说明', caseNumber: '案号',
  receivedYear: '收到年份', overdue: '是否超期', callbackPending: '是否待回访', unreviewedOnly: '是否仅看未评议', opinionStatus: '评议意见状态',
  withOpinionOnly: '是否仅看有评议意见的', unreadOnly: '是否仅看未读', part: '协办部分', evaluator: '评议员', support: '支持数权重',
  citizenWeights: '民众建言奖权重', minItemsToRank: '参与排名的最少件数', citizenNominees: '民众建言奖推荐名额', citation: '获奖评语',
  groupBy: '分组方式', adopted: '采纳权重', residentName: '居民姓名', residentId: '居民', action: '操作',
} as const;
export type FieldName = keyof typeof FIELDS;

/** Kinds of record a NOT_FOUND names. */
export const ENTITIES = {
  Unit: '单位', Suggestion: '建议', PublishedSuggestion: '公开的建议', Notification: '消息', Resident: '居民账号', CallbackTask: '回访任务',
  ExtensionRequest: '延期申请', Reply: '答复', PublishedReply: '已公开的答复', ReplyTemplate: '答复模板', Campaign: '征集活动',
  AwardRound: '评奖轮次', ComputedAwardRound: '已计算的评奖轮次', DisclosureRequest: '依申请公开申请', AdministrativeCase: '行政复议或诉讼案件',
  Evaluator: '评议员', EvaluatorOpinion: '评议意见', StaffUser: '工作人员账号', Photo: '图片', FailedJob: '失败任务', RoutingRule: '分办规则',
} as const;
export type EntityName = keyof typeof ENTITIES;

export const SUGGESTION_STATUS = {
  SUBMITTED: '已提交', WITHDRAWN: '已撤回', REJECTED: '不予受理', MERGED: '已合并', ASSIGNED: '已交办', RETURNED: '已退回',
  IN_PROGRESS: '办理中', REPLY_REVIEW: '答复审核中', REPLIED: '已答复', CLOSED: '已办结',
} as const;

export const SUGGESTION_ACTION = {
  withdraw: '撤回', reject: '不予受理', merge: '合并', assign: '交办', sign: '签收', return: '退回', transfer: '改派', reply: '答复',
  approveReply: '审核通过答复', sendBackReply: '退回答复', rateSatisfied: '评价满意', rateUnsatisfied: '评价不满意', autoClose: '到期办结',
  close: '办结', addProgressNote: '添加办理进展', contribute: '提交协办意见', requestExtension: '申请延期', coSign: '协办签收',
} as const;

export const CAMPAIGN_STATUS = { DRAFT: '草稿', OPEN: '征集中', CLOSED: '已截止', ARCHIVED: '已归档' } as const;
export const CAMPAIGN_ACTION = { open: '开启', close: '截止', archive: '归档' } as const;
export const ROUND_STATUS = { DRAFT: '草稿', COMPUTED: '已计算', PUBLISHED: '已发布' } as const;
export const PARTY = { AUTHOR: '建议人', COORDINATOR: '统筹办公室', LEAD_UNIT: '主办单位', CO_UNIT: '协办单位', SYSTEM: '系统' } as const;

export const DISCLOSURE_STATUS = {
  IN_PROGRESS: '办理中', AWAITING_CORRECTION: '待补正', DECIDED: '已答复',
} as const;
export const DISCLOSURE_STEP = {
  extend: '延期', requestCorrection: '告知补正', recordCorrection: '登记补正', recordLegalReview: '登记合法性审核', decide: '作出答复', completeCallback: '登记回访',
} as const;

export const NOTIFICATION_KIND = {
  RECEIPT: '受理回执', RESULT: '办理结果', PROGRESS: '办理进度', RATING_REQUEST: '评价邀请', DEADLINE: '时限提醒', ESCALATION: '督办',
} as const;
