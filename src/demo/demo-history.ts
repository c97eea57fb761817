import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import type { AwardsService } from '../awards/awards.service.js';
import { SuggestionScoreEntity } from '../awards/suggestion-score.entity.js';
import { StaffUserEntity } from '../staff/staff-user.entity.js';
import { AssignmentEntity } from '../assignments/assignment.entity.js';
import { parseQuarter } from '../calendar/quarters.js';
import { RatingEntity, type RatingLevel } from '../replies/rating.entity.js';
import { ReplyEntity, type Adoption } from '../replies/reply.entity.js';
import { indexSuggestionText } from '../search/search-index.js';
import { SuggestionEntity, newSuggestionRow } from '../suggestions/suggestion.entity.js';
import { TimelineEventEntity } from '../suggestions/timeline-event.entity.js';

// Last quarter's closed loop, so the README's examples answer on a fresh demo: the public feed
// and search (`公交`) find published items with replies, and the award round of that quarter
// has units above the ranking minimum (5 items) in both groups. Written as rows, the way the
// workflow leaves them; the round itself goes through AwardsService (publishDemoAwards, main.ts).

interface Topic {
  title: string;
  body: string;
  category: string;
  reply: string;
}

const TOPICS: Record<string, Topic[]> = {
  TRANSPORT: [
    { title: '建议优化12路公交发车间隔', body: '早高峰12路公交经常要等二十多分钟，建议加密早晚高峰班次。', category: '交通出行', reply: '已将12路公交早晚高峰发车间隔由15分钟缩短至8分钟。' },
    { title: '中心医院站公交站台增设候车亭', body: '中心医院公交站没有候车亭，老人和病人下雨天只能淋雨等车。', category: '交通出行', reply: '中心医院公交站候车亭已纳入本年度建设计划，将于下月完工。' },
    { title: '开通高铁站至城东的夜班公交', body: '晚上九点后从高铁站回城东没有公交，打车很贵，建议开通夜班线路。', category: '交通出行', reply: '夜班公交N1线已于本季度开通，末班车23:30。' },
    { title: '学校周边上下学时段交通拥堵', body: '实验小学门口上下学时段车辆乱停，建议增设临时停车区并安排疏导。', category: '交通出行', reply: '已协调交警在上下学时段安排疏导，并施划临时停车位。' },
    { title: '公交电子站牌信息不准确', body: '不少公交站的电子站牌到站时间和实际不符，建议校准。', category: '交通出行', reply: '已完成全市电子站牌数据校准，误差控制在一分钟内。' },
    { title: '建议推广公交乘车码优惠', body: '希望公交乘车码也能享受和公交卡一样的换乘优惠。', category: '交通出行', reply: '经研究，乘车码换乘优惠需与支付平台对接，已列入明年计划。' },
  ],
  HOUSING: [
    { title: '老旧小区改造加快进度', body: '我们小区改造已经拖了半年，楼道和管网还没完工，影响出行。', category: '城市建设', reply: '已督促施工单位增加人员，管网改造月底前完工。' },
    { title: '加装电梯补贴标准公开', body: '加装电梯的补贴标准各小区说法不一，建议统一公开。', category: '城市建设', reply: '加装电梯补贴标准已在政府网站公开，并印发至各社区。' },
    { title: '物业费收支应向业主公示', body: '小区物业费收支不透明，建议要求物业定期公示。', category: '城市建设', reply: '已出台物业服务收费公示办法，要求每半年公示一次。' },
    { title: '建筑工地夜间施工噪音', body: '附近工地经常晚上十点以后还在施工，影响休息。', category: '城市建设', reply: '已约谈施工单位，夜间施工须办理许可并接受监督。' },
    { title: '保障性住房申请流程简化', body: '保障房申请材料多、要跑多个部门，建议一网通办。', category: '城市建设', reply: '保障房申请已接入一网通办，材料由七项减为四项。' },
  ],
  YUANZHOU: [
    { title: '秀江公园增设儿童游乐设施', body: '秀江公园儿童设施太少，周末孩子要排队，建议增设。', category: '生态环境', reply: '秀江公园新增儿童游乐区已完工开放。' },
    { title: '社区卫生服务中心延长服务时间', body: '上班族下班后看不了病，建议社区卫生服务中心晚上开诊。', category: '教育医疗', reply: '辖区三家社区卫生服务中心已开设夜间门诊。' },
    { title: '农贸市场环境卫生整治', body: '城北农贸市场地面湿滑、垃圾清运不及时，建议整治。', category: '营商环境', reply: '已完成城北农贸市场改造，垃圾日产日清。' },
    { title: '背街小巷路面破损修复', body: '化成路附近几条小巷路面坑洼，雨天积水严重。', category: '城市建设', reply: '化成路周边小巷路面已全部修复。' },
    { title: '增设社区公交接驳小巴', body: '新建小区离公交站远，建议开通社区接驳小巴。', category: '交通出行', reply: '经研究，社区接驳线路客流不足，暂作参考，将结合公交线网优化统筹考虑。' },
  ],
  ZHANGSHU: [
    { title: '药都广场夜间照明改善', body: '药都广场晚上照明不足，跳广场舞的居民反映看不清路。', category: '城市建设', reply: '药都广场已更换节能照明灯具。' },
    { title: '乡镇到市区公交线路加密', body: '乡镇到市区的公交班次少，建议加密。', category: '交通出行', reply: '已新增两个班次，并延长末班时间。' },
    { title: '农村生活垃圾分类推广', body: '建议在村里推广垃圾分类，配齐分类垃圾桶。', category: '生态环境', reply: '已在十个村开展垃圾分类试点，配发分类垃圾桶。' },
    { title: '企业开办时间进一步压缩', body: '新开公司办执照、刻章、开户还要跑几趟，建议压缩时间。', category: '营商环境', reply: '企业开办已实现一日办结。' },
    { title: '中小学课后服务覆盖', body: '希望所有小学都提供课后服务，解决家长接送难。', category: '教育医疗', reply: '全市小学课后服务已实现全覆盖。' },
  ],
};

// Mostly adopted and rated well, with some variety so every score component shows.
const OUTCOMES: { adoption: Adoption; rating: RatingLevel | null; lateDays: number }[] = [
  { adoption: 'ADOPTED', rating: 'SATISFIED', lateDays: 0 },
  { adoption: 'ADOPTED', rating: 'SATISFIED', lateDays: 0 },
  { adoption: 'PARTIALLY_ADOPTED', rating: 'BASICALLY_SATISFIED', lateDays: 0 },
  { adoption: 'ALREADY_DONE', rating: 'SATISFIED', lateDays: 0 },
  { adoption: 'ADOPTED', rating: null, lateDays: 2 },
  { adoption: 'FOR_REFERENCE', rating: 'BASICALLY_SATISFIED', lateDays: 0 },
];

const DAY = 86_400_000;

export interface DemoHistoryContext {
  campaignId: number;
  units: Map<string, number>;
  residents: { id: number; displayName: string }[];
  coordinatorId: number;
  /** A handler per unit code, when the demo has one; replies otherwise name the coordinator. */
  handlers: Map<string, number>;
}

/** Writes last quarter's closed-loop items; returns how many. */
export async function seedDemoHistory(em: EntityManager, ctx: DemoHistoryContext, now: Date, quarter: string): Promise<number> {
  const q = parseQuarter(quarter);
  let n = 0;
  for (const [unitCode, topics] of Object.entries(TOPICS)) {
    const unitId = ctx.units.get(unitCode)!;
    const handlerId = ctx.handlers.get(unitCode) ?? ctx.coordinatorId;
    for (const [i, topic] of topics.entries()) {
      const outcome = OUTCOMES[i % OUTCOMES.length]!;
      const author = ctx.residents[n % ctx.residents.length]!;
      // Spread over the quarter's first ten weeks, so every deadline and rating falls inside it.
      const submittedAt = new Date(q.start.getTime() + (3 + ((n * 5) % 60)) * DAY + 2 * 3600_000);
      const assignedAt = new Date(submittedAt.getTime() + DAY);
      const signDueAt = new Date(assignedAt.getTime() + DAY);
      const signedAt = new Date(assignedAt.getTime() + 4 * 3600_000);
      const replyDueAt = new Date(assignedAt.getTime() + 14 * DAY);
      const repliedAt = new Date(assignedAt.getTime() + (7 + outcome.lateDays * 4) * DAY);
      const ratedAt = new Date(repliedAt.getTime() + 2 * DAY);
      const status = outcome.rating ? 'CLOSED' : 'REPLIED';
      const base = newSuggestionRow(
        {
          campaignId: ctx.campaignId,
          authorId: author.id,
          title: topic.title,
          body: topic.body,
          category: topic.category,
          location: null,
          consentToPublish: true,
          anonymous: n % 4 === 3,
          authorName: author.displayName,
          idempotencyKey: `demo-history-${n}`,
          contentHash: createHash('sha256').update(`demo-history-${n}`).digest('hex'),
        },
        submittedAt,
      );
      const s = await em.insert(SuggestionEntity, {
        ...base,
        status,
        version: outcome.rating ? 5 : 4,
        leadUnitId: unitId,
        signDueAt,
        replyDueAt,
        ratingDueAt: outcome.rating ? null : new Date(repliedAt.getTime() + 7 * DAY),
        adoption: outcome.adoption,
        published: true,
        closedAt: outcome.rating ? ratedAt : null,
        updatedAt: outcome.rating ? ratedAt : repliedAt,
      });
      const suggestionId = s.identifiers[0]!.id as number;
      await indexSuggestionText(em, suggestionId, topic.title, topic.body, author.displayName);
      await em.insert(AssignmentEntity, {
        suggestionId,
        unitId,
        role: 'LEAD',
        assignedById: ctx.coordinatorId,
        assignedAt,
        signDueAt,
        signedAt,
        signedById: handlerId,
        contribution: null,
        contributedAt: null,
        endedAt: null,
        endReason: null,
        endNote: null,
      });
      const r = await em.insert(ReplyEntity, {
        suggestionId,
        unitId,
        authorId: handlerId,
        body: topic.reply,
        adoption: outcome.adoption,
        notAdoptedReason: null,
        templateId: null,
        status: 'PUBLISHED',
        submittedAt: repliedAt,
        dueAt: replyDueAt,
        onTime: repliedAt <= replyDueAt,
        reviewedById: null,
        reviewedAt: null,
        reviewNote: null,
        publishedAt: repliedAt,
      });
      const replyId = r.identifiers[0]!.id as number;
      if (outcome.rating) {
        await em.insert(RatingEntity, { suggestionId, replyId, unitId, residentId: author.id, level: outcome.rating, comment: null, createdAt: ratedAt });
      }
      const events: [string, 'RESIDENT' | 'STAFF', number, number | null, string | null, string, Date][] = [
        ['submit', 'RESIDENT', author.id, null, null, 'SUBMITTED', submittedAt],
        ['assign', 'STAFF', ctx.coordinatorId, unitId, 'SUBMITTED', 'ASSIGNED', assignedAt],
        ['sign', 'STAFF', handlerId, unitId, 'ASSIGNED', 'IN_PROGRESS', signedAt],
        ['reply', 'STAFF', handlerId, unitId, 'IN_PROGRESS', 'REPLIED', repliedAt],
      ];
      if (outcome.rating) events.push(['rateSatisfied', 'RESIDENT', author.id, null, 'REPLIED', 'CLOSED', ratedAt]);
      for (const [action, actorKind, actorId, evUnitId, fromStatus, toStatus, at] of events) {
        await em.insert(TimelineEventEntity, { suggestionId, actorKind, actorId, unitId: evUnitId, action, fromStatus, toStatus, note: null, at });
      }
      n++;
    }
  }
  return n;
}

/**
 * Last quarter's award round as the office would finish it: computed, the top nominated
 * residents confirmed, published. Then the public leaderboard, explainUnitScore and the awards
 * export answer on the demo. Runs once, right after the demo data set is seeded (main.ts).
 */
export async function publishDemoAwards(awards: AwardsService, dataSource: DataSource, quarter: string): Promise<void> {
  const coordinator = await dataSource.getRepository(StaffUserEntity).findOneByOrFail({ username: 'coordinator' });
  const actor: Actor = { kind: 'staff', id: coordinator.id, roles: coordinator.roles, unitId: coordinator.unitId };
  const round = await awards.compute(actor, quarter);
  const nominees = await dataSource.getRepository(SuggestionScoreEntity).find({ where: { roundId: round.id, nominated: true }, order: { rank: 'ASC' }, take: 3 });
  if (nominees.length) {
    await awards.confirmCitizenAwards(actor, { quarter, winners: nominees.map((n) => ({ suggestionId: n.suggestionId, citation: '建言被采纳并已落实，惠及群众出行与生活。' })) });
  }
  await awards.publish(actor, quarter);
}
