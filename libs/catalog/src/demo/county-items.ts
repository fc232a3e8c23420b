import type { CatalogItemInput } from '../catalog-item.input.js';
import type { CountyImplementationInput } from '../county-implementation.js';
import { applicationForm, conditional, demoItem, householdBook, idCard, proxy, required } from './builders.js';
import { COUNTY_DEPARTMENTS } from './departments.js';

export const XINGQING = '640104000000';
export const YONGNING = '640121000000';

/** An item published by one county only (县级特色事项); it reaches that county and its townships. */
export interface CountyOnlyItem {
  countyCode: string;
  item: CatalogItemInput;
}

const XINGQING_HALL = '兴庆区政务服务中心（兴庆区民族北街 2 号）';
const YONGNING_HALL = '永宁县政务服务中心（永宁县杨和镇宁和南街）';

export const DEMO_COUNTY_ONLY_ITEMS: CountyOnlyItem[] = [
  {
    countyCode: XINGQING,
    item: demoItem(
      {
        basicCode: '0590101000',
        name: '兴庆区既有住宅加装电梯财政补贴申请',
        kind: '05',
        dept: COUNTY_DEPARTMENTS.xingqingHousing,
        level: 'county',
        intake: ['township', 'county'],
        instant: false,
        legal: 20,
        legalNote: '竣工验收和现场核查时间不计入',
        committed: 10,
        conditions: ['兴庆区辖区内 4 层及以上、未配置电梯的既有住宅', '加装电梯已取得本单元业主同意并竣工验收合格'],
        materials: [
          applicationForm('既有住宅加装电梯补贴申请表'),
          required('业主同意加装电梯的书面意见', '本单元业主', { originals: 1 }),
          required('电梯竣工验收及使用登记证明', '市场监督管理部门', { copies: 1 }),
          required('工程费用发票', '施工单位', { copies: 1 }),
        ],
        basis: ['《银川市既有住宅加装电梯实施办法》', '《兴庆区既有住宅加装电梯财政补贴实施细则》'],
        special: ['2'],
        visits: 1,
        online: true,
        parties: ['1', '6'],
        place: `${XINGQING_HALL}二楼住建交通窗口；也可在街道便民服务中心代办`,
        keywords: ['加装电梯', '老旧小区', '补贴'],
      },
      { area: '640104' },
    ),
  },
  {
    countyCode: XINGQING,
    item: demoItem(
      {
        basicCode: '2090102000',
        name: '兴庆区创业孵化基地入驻申请',
        kind: '20',
        dept: COUNTY_DEPARTMENTS.xingqingHrss,
        level: 'county',
        intake: ['county'],
        instant: false,
        legal: 15,
        committed: 10,
        conditions: ['毕业 5 年内高校毕业生、退役军人、返乡创业人员等重点群体', '创业项目符合基地产业方向，已注册或承诺 3 个月内注册'],
        materials: [applicationForm('创业孵化基地入驻申请表'), idCard(), required('创业项目计划书', '申请人', { originals: 1, electronic: true }), conditional('营业执照', '市场监督管理部门', '已注册市场主体的提交', { copies: 1 })],
        basis: ['《中华人民共和国就业促进法》第七条', '《兴庆区创业孵化基地管理办法》'],
        special: ['2'],
        visits: 1,
        online: true,
        parties: ['1', '2'],
        place: `${XINGQING_HALL}一楼人社窗口`,
        keywords: ['创业', '孵化', '场地', '大学生创业'],
      },
      { area: '640104' },
    ),
  },
  {
    countyCode: XINGQING,
    item: demoItem(
      {
        basicCode: '0590103000',
        name: '兴庆区困难群众冬季取暖补贴申领',
        kind: '05',
        dept: COUNTY_DEPARTMENTS.xingqingCivil,
        level: 'township',
        instant: false,
        legal: 15,
        committed: 5,
        conditions: ['兴庆区户籍的低保对象、特困人员或低保边缘家庭', '在采暖期内实际居住在辖区'],
        materials: [idCard(), householdBook(), required('本人社会保障卡或银行账户信息', '发卡银行', { copies: 1 }), proxy()],
        basis: ['《社会救助暂行办法》（国务院令第649号）', '《兴庆区困难群众冬季取暖补贴发放办法》'],
        visits: 1,
        online: false,
        parties: ['1'],
        place: '兴庆区各乡镇（街道）便民服务中心民政窗口',
        keywords: ['取暖费', '冬季补贴', '困难群众'],
      },
      { area: '640104' },
    ),
  },
  {
    countyCode: YONGNING,
    item: demoItem(
      {
        basicCode: '0590201000',
        name: '永宁县酿酒葡萄种植补贴申请',
        kind: '05',
        dept: COUNTY_DEPARTMENTS.yongningAgriculture,
        level: 'county',
        instant: false,
        legal: 30,
        legalNote: '实地核查面积和村级公示时间不计入',
        committed: 20,
        conditions: ['在永宁县境内新建或改造酿酒葡萄基地', '种植面积、品种和栽植标准符合县级补贴方案'],
        materials: [
          applicationForm('酿酒葡萄种植补贴申请表'),
          idCard('申请人或法定代表人'),
          required('土地承包经营权证或土地流转合同', '村民委员会或流转双方', { copies: 1 }),
          required('苗木采购发票及栽植记录', '苗木供应商、申请人', { copies: 1 }),
          conditional('营业执照', '市场监督管理部门', '以企业、合作社名义申请的提交', { copies: 1 }),
        ],
        basis: ['《宁夏贺兰山东麓葡萄酒产区保护条例》', '《永宁县酿酒葡萄产业发展扶持办法》'],
        special: ['2'],
        visits: 1,
        online: true,
        parties: ['1', '2', '6'],
        place: `${YONGNING_HALL}二楼农业农村窗口；也可在闽宁镇、望远镇便民服务中心代办`,
        keywords: ['葡萄', '酒庄', '种植补贴', '贺兰山东麓'],
      },
      { area: '640121' },
    ),
  },
  {
    countyCode: YONGNING,
    item: demoItem(
      {
        basicCode: '0590202000',
        name: '永宁县困难老年人居家养老服务补贴申请',
        kind: '05',
        dept: COUNTY_DEPARTMENTS.yongningCivil,
        level: 'township',
        instant: false,
        legal: 15,
        committed: 5,
        conditions: ['永宁县户籍、年满 60 周岁', '属于低保、特困、失能或独居困难老年人'],
        materials: [idCard(), householdBook(), conditional('失能评估结果', '评估机构', '以失能为由申请的提交', { copies: 1 }), proxy()],
        basis: ['《中华人民共和国老年人权益保障法》', '《宁夏回族自治区养老服务条例》', '《永宁县居家养老服务补贴实施办法》'],
        visits: 1,
        online: true,
        parties: ['1'],
        place: '永宁县各乡镇便民服务中心民政窗口',
        keywords: ['居家养老', '养老补贴', '老人'],
      },
      { area: '640121' },
    ),
  },
  {
    countyCode: YONGNING,
    item: demoItem(
      {
        basicCode: '0790203000',
        name: '永宁县县级非物质文化遗产代表性传承人认定',
        kind: '07',
        dept: COUNTY_DEPARTMENTS.yongningCulture,
        level: 'county',
        intake: ['county'],
        instant: false,
        legal: 60,
        legalNote: '专家评审和社会公示时间不计入',
        committed: 30,
        conditions: ['熟练掌握县级非物质文化遗产代表性项目', '在特定领域内具有代表性并在一定区域内有较大影响', '积极开展传承活动'],
        materials: [
          applicationForm('县级非物质文化遗产代表性传承人申请表'),
          idCard(),
          required('传承谱系及从业经历说明', '申请人', { originals: 1 }),
          required('代表作品图片、视频资料', '申请人', { electronic: true }),
        ],
        basis: ['《中华人民共和国非物质文化遗产法》第二十九条', '《宁夏回族自治区非物质文化遗产保护条例》'],
        special: ['2'],
        visits: 1,
        online: true,
        parties: ['1'],
        place: `${YONGNING_HALL}三楼文化旅游窗口`,
        keywords: ['非遗', '传承人', '剪纸', '刺绣'],
      },
      { area: '640121' },
    ),
  },
];

/** Lines of the two demo counties' implementation lists, over city items. */
export const DEMO_COUNTY_IMPLEMENTATIONS: CountyImplementationInput[] = [
  {
    countyCode: XINGQING,
    itemCode: '01010010004640100001',
    place: `${XINGQING_HALL}一楼市场主体登记窗口`,
    hours: '工作日 9:00—12:00，13:30—17:30；周六上午 9:00—12:00 延时服务',
  },
  {
    countyCode: XINGQING,
    itemCode: '01010040004640100001',
    committedTimeLimit: { days: 3, unit: 'working-day', note: '兴庆区承诺 3 个工作日办结' },
    place: `${XINGQING_HALL}一楼食品药品窗口`,
    notes: '小餐饮、小作坊可预约上门现场核查。',
  },
  {
    countyCode: YONGNING,
    itemCode: '05030010004640100001',
    committedTimeLimit: { days: 15, unit: 'working-day' },
    place: `${YONGNING_HALL}二楼民政窗口`,
    enquiryPhone: '0951-8012502',
    notes: '闽宁镇移民村群众可在镇便民服务中心提交，由民政专干全程代办。',
  },
  {
    countyCode: YONGNING,
    itemCode: '07080010004640100001',
    committedTimeLimit: { days: 7, unit: 'working-day' },
    place: `${YONGNING_HALL}二楼残联窗口`,
  },
];
