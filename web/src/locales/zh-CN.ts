export default {
  site: { name: '你建言、我来办', skip: '跳到主要内容', language: 'English', languageLabel: '切换语言' },
  nav: { home: '首页', suggestions: '建言公开', rankings: '评比榜单', statistics: '统计数据', track: '进度查询', me: '我的' },
  common: {
    loading: '正在加载…', retry: '重试', more: '加载更多', none: '暂无内容', back: '返回', search: '搜索', all: '全部',
    submit: '提交', cancel: '取消', confirm: '确认', download: '下载', year: '年份', total: '共 {n} 条', view: '查看',
  },
  home: {
    open: '正在征集', window: '征集时间：{from} 至 {to}', counts: '已收到建言 {received} 条，已回复 {replied} 条',
    yearHeading: '{year}年办理情况', latest: '最新回复', noneOpen: '目前没有正在征集的活动。', join: '我要建言',
  },
  campaign: { suggestions: '本期建言与回复', prize: '奖励', status: '状态' },
  feed: {
    title: '建言公开', query: '关键词', campaign: '征集期数', unit: '责任单位', category: '类别', adoption: '采纳情况',
    adopted: '已采纳（含部分采纳）', notAdopted: '其他', found: '找到 {n} 条建言', empty: '没有符合条件的建言。',
  },
  suggestion: {
    stages: '办理进度', reply: '办理回复', unit: '责任单位', onTime: '按时回复', late: '逾期回复', support: '我也支持',
    supported: '已支持', supportCount: '{n} 人支持', signInToSupport: '登录后可以表示支持', notFound: '没有找到这条公开建言。它可能尚未回复或未同意公开。',
    submittedAt: '提交时间', author: '建言人', reason: '未采纳理由',
  },
  track: {
    title: '进度查询', label: '建言编号', hint: '例如 JY2026K7M3Q9X2HF，见提交成功页面或短信提醒', submit: '查询',
    notFound: '没有找到这个编号的建言。', dueAt: '答复期限', format: '编号由 JY、年份和 10 位字母数字组成',
  },
  unit: { answered: '已回复', onTime: '按时回复率', satisfaction: '满意率', adopted: '采纳', signOnTime: '按时签收率', items: '办理的建言' },
  rankings: {
    title: '评比榜单', star: '最佳服务之星', citizen: '最佳民众建言奖', departments: '市级部门', counties: '县（市、区）',
    rank: '名次', unitName: '单位', composite: '综合得分', notRanked: '办件不足 {n} 件，不参与排名', explain: '得分说明',
    noRound: '尚未公布评比结果。', quarter: '季度', chart: '综合得分图', weights: '权重', weightSeparator: '、',
    weight: { response: '响应率', onTime: '按时办结率', satisfaction: '满意率', adoption: '采纳率', evaluator: '评议得分' },
  },
  statistics: {
    title: '统计数据', period: '统计年份', byCampaign: '各期建言数量', received: '收到', replied: '回复', adopted: '采纳',
    csv: '下载 CSV', xlsx: '下载 Excel（工作人员）', disclosure: '政府信息公开年度报告', disclosureLine: '{year}年依申请公开答复 {sent} 件，按时答复 {onTime} 件',
    disclosureDownload: '下载年报（Excel）',
    disclosureCsv: '下载年报（CSV）', disclosureTotal: '总计', disclosureCase: '类别', review: '行政复议', lawsuitDirect: '行政诉讼·未经复议直接起诉', lawsuitAfterReview: '行政诉讼·复议后起诉',
    upheld: '结果维持', corrected: '结果纠正', other: '其他结果', pending: '尚未审结', caseTotal: '总计', staffFiles: '工作人员可下载 Excel 等格式的正式报表。',
  },
  me: {
    title: '我的', signIn: '手机号登录', phone: '手机号', code: '验证码', sendCode: '获取验证码', resend: '{n} 秒后重发',
    signInButton: '登录', signOut: '退出登录', hello: '您好，{name}', codeSent: '验证码已发送',
    tabs: { submit: '我要建言', mine: '我的建言', notices: '温馨提醒', settings: '设置' },
    draftKept: '草稿已自动保存', submitted: '提交成功，建言编号 {n}', check: '请核对后提交',
  },
  submit: {
    campaign: '征集活动', category: '类别', title: '标题', body: '建言内容', location: '地点（可选）', consent: '同意公开（公开时隐去个人信息）',
    anonymous: '匿名显示', titleHint: '1–100 个字', bodyHint: '10–5000 个字', submit: '提交建言', noOpen: '目前没有正在征集的活动，暂不能提交。',
    required: '请填写{field}', tooShort: '{field}至少 {n} 个字', tooLong: '{field}最多 {n} 个字',
  },
  photos: {
    label: '图片（可选，最多 {max} 张）', hint: '支持手机拍摄的 JPEG、PNG、WebP、HEIC 照片，每张不超过 {mb} MB；上传后会去除拍摄地点等信息。',
    pick: '从相册选择', take: '拍照', uploading: '上传中 {n}%', failed: '上传失败', retry: '重试', remove: '删除第 {n} 张图片',
    tooMany: '最多 {max} 张图片', tooLarge: '图片不能超过 {mb} MB', pending: '请等图片上传完成，或删除上传失败的图片', photo: '第 {n} 张图片',
    open: '查看第 {n} 张图片大图', count: '{n} 张图片',
    reasons: {
      PHOTO_UNSUPPORTED_TYPE: '只能上传 JPEG、PNG、WebP 或 HEIC 格式的图片', PHOTO_TOO_LARGE: '图片太大，请换一张', PHOTO_UNDECODABLE: '这张图片无法读取，请换一张',
    },
  },
  mine: {
    empty: '您还没有提交建言。', due: '答复期限：{d}', rate: '评价回复', rateDue: '请在 {d} 前评价', withdraw: '撤回',
    withdrawConfirm: '撤回后不再办理，确定撤回吗？', withdrawn: '已撤回', rated: '已评价：{level}', comment: '意见（可选）',
    rateSubmit: '提交评价', reopenNote: '选择“不满意”可能使建言重新办理。',
  },
  notices: { unread: '{n} 条未读', markRead: '标为已读', empty: '暂无提醒。' },
  settings: {
    prefs: '通知设置', save: '保存', saved: '已保存', export: '导出我的数据', exportHint: '下载一份 JSON 文件，包含平台保存的您的全部信息',
    delete: '注销账号', deleteHint: '注销后您的建言将匿名保留用于统计，此操作不能撤销。', deleteConfirm: '确定注销账号吗？', deleted: '账号已注销',
  },
  status: {
    SUBMITTED: '已提交', ASSIGNED: '已交办', IN_PROGRESS: '办理中', RETURNED: '已退回', REPLY_REVIEW: '回复审核中', REPLIED: '已回复',
    CLOSED: '已办结', WITHDRAWN: '已撤回', REJECTED: '不予受理', MERGED: '已合并',
  },
  adoption: { ADOPTED: '采纳', PARTIALLY_ADOPTED: '部分采纳', ALREADY_DONE: '已在实施', FOR_REFERENCE: '留作参考', NOT_ADOPTED: '未采纳' },
  rating: { SATISFIED: '满意', BASICALLY_SATISFIED: '基本满意', UNSATISFIED: '不满意' },
  kinds: { PROGRESS: '办理进度', RATING_REQUEST: '评价提醒', RECEIPT: '受理回执', RESULT: '办理结果', DEADLINE: '期限提醒', ESCALATION: '督办' },
  campaignStatus: { DRAFT: '草稿', OPEN: '征集中', CLOSED: '已截止', ARCHIVED: '已归档' },
  fields: { title: '标题', body: '建言内容', category: '类别', phone: '手机号', code: '验证码', location: '地点', comment: '意见', idempotencyKey: '提交编号', trackingNumber: '建言编号' },
  errors: {
    BAD_USER_INPUT: '填写的内容不符合要求，请检查。', BAD_USER_INPUT_FIELD: '“{field}”填写不符合要求，请检查。',
    UNAUTHENTICATED: '登录已失效或验证码不正确，请重新登录。', FORBIDDEN: '您没有权限进行此操作。', NOT_FOUND: '没有找到相关内容。',
    CONFLICT: '这条建言的状态已经变化，请刷新后再试。', RATE_LIMITED: '操作太频繁，请 {seconds} 秒后再试。',
    GRAPHQL_VALIDATION_FAILED: '页面版本过旧，请刷新页面。', BAD_REQUEST: '请求无效，请刷新页面后重试。',
    SERVICE_UNAVAILABLE: '系统繁忙，请稍后重试。', NETWORK: '网络连接中断，请检查网络后重试。',
    INTERNAL_SERVER_ERROR: '系统出错了，请稍后再试。', INTERNAL_WITH_ID: '系统出错了，请稍后再试（编号 {id}）。',
    summary: '提交前请更正以下问题',
  },
};
