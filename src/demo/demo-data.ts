import type { UnitKind } from '../units/unit.entity.js';
import type { StaffRole } from '../auth/roles.js';

// A city's responsible units (names are typical of a prefecture-level city in Jiangxi).
export const DEMO_UNITS: { code: string; name: string; kind: UnitKind }[] = [
  { code: 'GOV-OFFICE', name: '市人民政府办公室', kind: 'OFFICE' },
  { code: 'HOUSING', name: '市住房和城乡建设局', kind: 'DEPARTMENT' },
  { code: 'TRANSPORT', name: '市交通运输局', kind: 'DEPARTMENT' },
  { code: 'EDUCATION', name: '市教育体育局', kind: 'DEPARTMENT' },
  { code: 'HEALTH', name: '市卫生健康委员会', kind: 'DEPARTMENT' },
  { code: 'ECOLOGY', name: '市生态环境局', kind: 'DEPARTMENT' },
  { code: 'MARKET', name: '市市场监督管理局', kind: 'DEPARTMENT' },
  { code: 'URBAN-MGMT', name: '市城市管理局', kind: 'DEPARTMENT' },
  { code: 'YUANZHOU', name: '袁州区人民政府', kind: 'DISTRICT' },
  { code: 'ZHANGSHU', name: '樟树市人民政府', kind: 'COUNTY' },
  { code: 'FENGCHENG', name: '丰城市人民政府', kind: 'COUNTY' },
  { code: 'JINGAN', name: '靖安县人民政府', kind: 'COUNTY' },
];

export const DEMO_PASSWORD = 'civicloop-demo';

export const DEMO_STAFF: { username: string; displayName: string; roles: StaffRole[]; unitCode?: string }[] = [
  { username: 'admin', displayName: '系统管理员', roles: ['ADMIN'] },
  { username: 'coordinator', displayName: '政务公开科 王科长', roles: ['COORDINATOR'], unitCode: 'GOV-OFFICE' },
  { username: 'housing.handler', displayName: '住建局 经办人', roles: ['UNIT_HANDLER'], unitCode: 'HOUSING' },
  { username: 'housing.admin', displayName: '住建局 负责人', roles: ['UNIT_ADMIN'], unitCode: 'HOUSING' },
  { username: 'transport.handler', displayName: '交通局 经办人', roles: ['UNIT_HANDLER'], unitCode: 'TRANSPORT' },
  { username: 'yuanzhou.handler', displayName: '袁州区 经办人', roles: ['UNIT_HANDLER'], unitCode: 'YUANZHOU' },
  { username: 'evaluator', displayName: '金秤砣评议员 李老师', roles: ['EVALUATOR'] },
  { username: 'auditor', displayName: '审计员', roles: ['AUDITOR'] },
  { username: 'counter', displayName: '市民服务中心 窗口工作人员', roles: ['COUNTER_CLERK'] },
];

export const DEMO_RESIDENTS = [
  { phone: '13800000001', displayName: '张三' },
  { phone: '13900000002', displayName: '李四' },
];

export const DEMO_CATEGORIES = ['城市建设', '交通出行', '教育医疗', '生态环境', '营商环境', '其他'];

export const DEMO_SUGGESTIONS = [
  { resident: 0, title: '建议在人民广场增设公共自行车站点', body: '人民广场周边居民和游客很多，但最近的公共自行车站点在一公里外，建议增设站点方便出行。', category: '交通出行' },
  { resident: 0, title: '老旧小区加装电梯审批流程建议简化', body: '我们小区是九十年代建的六层楼，老人上下楼很困难。加装电梯需要的审批材料太多，希望简化流程、明确补贴标准。', category: '城市建设' },
  { resident: 1, title: '秀江河沿岸夜间照明不足', body: '秀江河沿岸步道晚上散步的人很多，但部分路段路灯损坏，存在安全隐患，建议尽快修复并增加照明。', category: '生态环境' },
];

// Routing rules that the demo items (and the README's 公共自行车 example) match: suggestRouting
// proposes the lead unit and co-organisers; lower priority numbers are tried first.
export const DEMO_ROUTING_RULES: { name: string; keywords: string[]; category?: string; leadUnitCode: string; coUnitCodes: string[]; priority: number }[] = [
  { name: '公交与慢行交通', keywords: ['公交', '公共自行车', '站点', '停车'], leadUnitCode: 'TRANSPORT', coUnitCodes: ['URBAN-MGMT'], priority: 10 },
  { name: '老旧小区与加装电梯', keywords: ['加装电梯', '老旧小区', '物业'], leadUnitCode: 'HOUSING', coUnitCodes: ['YUANZHOU'], priority: 20 },
  { name: '市政照明与河道', keywords: ['路灯', '照明', '沿岸'], leadUnitCode: 'URBAN-MGMT', coUnitCodes: ['ECOLOGY'], priority: 30 },
  { name: '交通出行（按分类）', keywords: [], category: '交通出行', leadUnitCode: 'TRANSPORT', coUnitCodes: [], priority: 90 },
];
