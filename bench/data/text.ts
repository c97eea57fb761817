import type { Rng } from './random.js';

// Phrase pools for suggestions and replies that read like a city's 你建言、我来办 ledger:
// titles of 10–30 characters, bodies of roughly 80–200, replies of about 100.

export const CATEGORIES = ['城市建设', '交通出行', '生态环境', '教育医疗', '民生服务', '营商环境'] as const;

const PROBLEMS: Record<(typeof CATEGORIES)[number], string[]> = {
  城市建设: ['路面破损坑洼', '井盖缺失松动', '人行道被占用', '路灯长期不亮', '雨天排水不畅', '绿化带缺损', '违章搭建', '老旧管网渗漏'],
  交通出行: ['红绿灯时长不合理', '公交班次太少', '停车位严重不足', '非机动车乱停乱放', '缺少人行横道', '早晚高峰拥堵', '公交站台缺少遮雨棚', '学校门口接送拥堵'],
  生态环境: ['夜间施工噪音扰民', '垃圾清运不及时', '河道水质变差', '餐饮油烟扰民', '工地扬尘污染', '小区垃圾分类不到位', '公园绿地养护不足'],
  教育医疗: ['学位紧张', '挂号难排队久', '社区医院药品不全', '校车安全隐患', '托育服务不足', '课后服务时间短', '医保报销流程繁琐'],
  民生服务: ['老旧小区加装电梯难', '居家养老服务不足', '供水水压不足', '燃气管道老化', '物业服务不到位', '菜市场环境脏乱', '社区活动场地缺乏'],
  营商环境: ['审批材料重复提交', '证照办理时间长', '小微企业融资难', '夜市摊位管理混乱', '企业用电报装慢', '涉企检查过多'],
};

const ACTIONS = ['尽快修复', '统筹解决', '加强管理', '增设设施', '优化调整', '加大巡查力度', '协调相关单位处理', '纳入年度计划'];
const DISTRICTS = ['城东区', '城西区', '城南区', '城北区', '高新区', '经开区', '滨江新区', '临江县', '青山县', '白沙县', '石门县', '安平县'];
const ROADS = ['人民路', '解放路', '中山路', '建设路', '胜利路', '八一大道', '滨江路', '长江路', '北京路', '文化路', '青年路', '站前路', '湖滨路', '学府路', '工业大道', '迎宾大道'];
const PLACES = ['小区门口', '菜市场', '公交站', '学校门口', '十字路口', '社区公园', '人民医院附近', '地铁站出口', '老城区', '农贸市场', '体育馆周边', '商业街'];
const DURATIONS = ['两个月', '半年多', '一年多', '三个多月', '很长时间', '好几周'];
const EFFECTS = ['给周边居民出行带来不便', '存在较大安全隐患', '严重影响附近居民休息', '老人和孩子经过时很不安全', '群众反映强烈', '影响城市形象'];
const DETAILS = [
  '附近住着不少老人，雨天路滑更加危险。',
  '早晚高峰时段问题尤为突出，车辆和行人混行。',
  '此前已通过社区反映，但一直没有得到解决。',
  '周边还有两所学校，学生上下学必经此处。',
  '希望能在年内安排资金进行整治。',
  '建议参照其他城区的做法，建立长效管理机制。',
  '晚上光线不足，已经有人摔倒受伤。',
  '附近商户也有同样的诉求，愿意配合整改。',
];

const FINDINGS = [
  '情况属实，已列入近期整改计划',
  '该处设施确有损坏，已安排施工单位维修',
  '问题涉及多个部门，已牵头召开协调会',
  '已会同属地街道开展联合整治',
  '相关设施已纳入明年城建计划统筹实施',
  '经调查，该问题已于近期整改完毕',
];
const MEASURES = ['安排专人跟踪落实', '建立常态化巡查机制', '增派管理人员', '调整运营方案', '协调专项资金', '完善管理制度'];
const TIMES = ['本月底前', '两周内', '下季度', '年底前', '近期'];

export const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞建国志文宇浩然欣怡子涵雨轩梓萱佳琪晨阳俊杰思远嘉怡'.split('');

export function personName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN) + (rng.chance(0.7) ? rng.pick(GIVEN) : '');
}

export interface SuggestionText {
  title: string;
  body: string;
  location: string | null;
}

export function suggestionText(rng: Rng, category: (typeof CATEGORIES)[number]): SuggestionText {
  const district = rng.pick(DISTRICTS);
  const road = rng.pick(ROADS);
  const place = rng.pick(PLACES);
  const problem = rng.pick(PROBLEMS[category]);
  const action = rng.pick(ACTIONS);
  const title =
    rng.next() < 0.5 ? `关于${road}${place}${problem}的建议` : `建议${action}${district}${road}${problem}问题`;
  let body = `我是${district}${road}附近的居民。${road}${place}一带${problem}，已经持续${rng.pick(DURATIONS)}，${rng.pick(EFFECTS)}。`;
  const extra = rng.int(0, 2);
  for (let i = 0; i < extra; i++) body += rng.pick(DETAILS);
  body += `希望相关部门${action}，切实解决群众的烦心事。`;
  return { title, body, location: rng.chance(0.6) ? `${district}${road}${place}` : null };
}

export function replyText(rng: Rng): string {
  return `您好！您反映的问题已收悉。经现场核查，${rng.pick(FINDINGS)}。我单位已${rng.pick(MEASURES)}，预计${rng.pick(TIMES)}完成。感谢您对城市发展的关心与支持，欢迎继续监督。`;
}

export const NOT_ADOPTED_REASONS = ['不符合现行规划要求', '涉及法律法规限制，暂不具备实施条件', '所需资金未纳入预算，将持续关注', '与群众多数意见不一致'];
export const REJECT_REASONS = ['不属于本期征集范围', '内容过于简略，无法办理', '属于信访事项，已引导至相应渠道'];

const DEPARTMENT_NAMES = [
  '市住房和城乡建设局', '市交通运输局', '市公安局交通管理支队', '市生态环境局', '市教育局', '市卫生健康委员会', '市民政局',
  '市城市管理局', '市水务局', '市自然资源和规划局', '市市场监督管理局', '市人力资源和社会保障局', '市商务局', '市文化广电旅游局',
  '市农业农村局', '市发展和改革委员会', '市财政局', '市行政审批局', '市医疗保障局', '市应急管理局', '市退役军人事务局', '市体育局',
  '市林业局', '市司法局', '市科学技术局', '市工业和信息化局', '市数据管理局', '市公共交通集团', '市供水集团', '市燃气集团',
  '市供电公司', '市城市投资集团', '市园林绿化中心', '市住房公积金中心', '市公共资源交易中心', '市政务服务中心', '市消防救援支队',
  '市气象局', '市地震局', '市档案馆', '市图书馆', '市人民医院', '市中医院', '市第一中学', '市妇幼保健院', '市疾病预防控制中心',
  '市社会保险事业中心', '市不动产登记中心', '市路灯管理所', '市环卫中心', '市河湖管理中心', '市停车管理中心', '市物业管理中心',
  '市老龄工作委员会', '市残疾人联合会', '市总工会', '市妇女联合会', '市团委', '市红十字会', '市侨务办公室',
];

export interface UnitSeed {
  code: string;
  name: string;
  kind: 'DEPARTMENT' | 'COUNTY' | 'DISTRICT' | 'OFFICE';
}

/** `count` units: the coordinating office, then departments, counties and districts (3 : 1 : 1). */
export function unitSeeds(count: number): UnitSeed[] {
  const units: UnitSeed[] = [{ code: 'OFFICE', name: '市政务公开办公室', kind: 'OFFICE' }];
  const rest = count - 1;
  const areas = Math.max(2, Math.round(rest * 0.4));
  const departments = rest - areas;
  for (let i = 0; i < departments; i++) {
    units.push({ code: `D${String(i + 1).padStart(3, '0')}`, name: DEPARTMENT_NAMES[i] ?? `市直属单位${i + 1}`, kind: 'DEPARTMENT' });
  }
  for (let i = 0; i < areas; i++) {
    const county = i % 2 === 0;
    const base = DISTRICTS[i % DISTRICTS.length]!.replace(/[区县]$/, '');
    const suffix = i < DISTRICTS.length ? '' : String(Math.floor(i / DISTRICTS.length) + 1);
    units.push({
      code: `${county ? 'C' : 'Q'}${String(i + 1).padStart(3, '0')}`,
      name: `${base}${suffix}${county ? '县人民政府' : '区人民政府'}`,
      kind: county ? 'COUNTY' : 'DISTRICT',
    });
  }
  return units;
}

export const CAMPAIGN_TOPICS = ['城市更新', '交通治堵', '美丽乡村', '营商环境', '民生实事', '文明城市创建', '智慧城市', '养老服务', '教育均衡', '河湖治理', '食品安全', '社区治理'];
