/**
 * The demo city's departments (银川市). Credit codes are made up in the real format
 * (登记管理部门 1 机构编制 + 机构类别 + 640100 + a GB 11714 organisation code + GB 32100 check)
 * and pass the check; they are not the departments' real codes.
 */
export interface DemoDepartment {
  name: string;
  /** The short name a counter sign uses. */
  short: string;
  creditCode: string;
  enquiryPhone: string;
  complaintPhone: string;
  /** Where the department's window is in the city hall (银川市民大厅). */
  cityWindow: string;
}

export const DEPARTMENTS = {
  market: { name: '银川市市场监督管理局', short: '市场监管', creditCode: '11640100MB1950315L', enquiryPhone: '0951-5028315', complaintPhone: '12315', cityWindow: '一楼 A 区市场准入综合窗口' },
  police: { name: '银川市公安局', short: '公安', creditCode: '116401000100182713', enquiryPhone: '0951-6093212', complaintPhone: '12345', cityWindow: '一楼 B 区公安综合窗口' },
  civil: { name: '银川市民政局', short: '民政', creditCode: '11640100010018431A', enquiryPhone: '0951-6888502', complaintPhone: '12345', cityWindow: '二楼 C 区民政窗口' },
  health: { name: '银川市卫生健康委员会', short: '卫生健康', creditCode: '11640100MB1950446G', enquiryPhone: '0951-6022320', complaintPhone: '12320', cityWindow: '二楼 C 区卫生健康窗口' },
  hrss: { name: '银川市人力资源和社会保障局', short: '人社', creditCode: '11640100010019071Y', enquiryPhone: '0951-6038333', complaintPhone: '12333', cityWindow: '二楼 D 区人社综合窗口' },
  housing: { name: '银川市住房和城乡建设局', short: '住房城乡建设', creditCode: '11640100010020080K', enquiryPhone: '0951-5106319', complaintPhone: '12345', cityWindow: '三楼 E 区工程建设项目审批窗口' },
  land: { name: '银川市自然资源局', short: '自然资源', creditCode: '11640100MB1C203546', enquiryPhone: '0951-5101826', complaintPhone: '12336', cityWindow: '三楼 E 区规划和不动产登记窗口' },
  disabled: { name: '银川市残疾人联合会', short: '残联', creditCode: '13640100450007314C', enquiryPhone: '0951-6715210', complaintPhone: '12345', cityWindow: '二楼 C 区残联窗口' },
  medical: { name: '银川市医疗保障局', short: '医保', creditCode: '11640100MB1D59209M', enquiryPhone: '0951-6888393', complaintPhone: '12393', cityWindow: '二楼 D 区医保窗口' },
  tax: { name: '国家税务总局银川市税务局', short: '税务', creditCode: '11640100MB1E041615', enquiryPhone: '0951-5071366', complaintPhone: '12366', cityWindow: '一楼 A 区税务综合窗口' },
  transport: { name: '银川市交通运输局', short: '交通运输', creditCode: '11640100010018511X', enquiryPhone: '0951-6012328', complaintPhone: '12328', cityWindow: '三楼 F 区交通运输窗口' },
  education: { name: '银川市教育局', short: '教育', creditCode: '11640100010017025P', enquiryPhone: '0951-6022712', complaintPhone: '12345', cityWindow: '三楼 F 区教育窗口' },
  agriculture: { name: '银川市农业农村局', short: '农业农村', creditCode: '11640100MB1C21074E', enquiryPhone: '0951-6022316', complaintPhone: '12316', cityWindow: '三楼 F 区农业农村窗口' },
  veterans: { name: '银川市退役军人事务局', short: '退役军人事务', creditCode: '11640100MB1C36890D', enquiryPhone: '0951-6027315', complaintPhone: '12345', cityWindow: '二楼 C 区退役军人服务窗口' },
  ecology: { name: '银川市生态环境局', short: '生态环境', creditCode: '11640100MB1C420354', enquiryPhone: '0951-6014369', complaintPhone: '12369', cityWindow: '三楼 E 区生态环境窗口' },
  culture: { name: '银川市文化旅游广电局', short: '文化旅游', creditCode: '11640100MB1C221145', enquiryPhone: '0951-6024318', complaintPhone: '12318', cityWindow: '三楼 F 区文化旅游窗口' },
  fund: { name: '银川住房公积金管理中心', short: '住房公积金', creditCode: '126401004500015290', enquiryPhone: '0951-6021234', complaintPhone: '12329', cityWindow: '一楼 B 区住房公积金窗口' },
  emergency: { name: '银川市应急管理局', short: '应急管理', creditCode: '11640100MB1C33024F', enquiryPhone: '0951-6012350', complaintPhone: '12350', cityWindow: '三楼 F 区应急管理窗口' },
} as const satisfies Record<string, DemoDepartment>;

/** Departments of the two demo counties, owners of their county-only items. */
export const COUNTY_DEPARTMENTS = {
  xingqingHousing: { name: '银川市兴庆区住房城乡建设和交通局', short: '住建交通', creditCode: '1164010401011321XU', enquiryPhone: '0951-6716319', complaintPhone: '12345', cityWindow: '' },
  xingqingHrss: { name: '银川市兴庆区人力资源和社会保障局', short: '人社', creditCode: '11640104010114554T', enquiryPhone: '0951-6716333', complaintPhone: '12333', cityWindow: '' },
  xingqingCivil: { name: '银川市兴庆区民政局', short: '民政', creditCode: '11640104010112030H', enquiryPhone: '0951-6716502', complaintPhone: '12345', cityWindow: '' },
  yongningAgriculture: { name: '永宁县农业农村局', short: '农业农村', creditCode: '11640121010211063W', enquiryPhone: '0951-8012316', complaintPhone: '12316', cityWindow: '' },
  yongningCivil: { name: '永宁县民政局', short: '民政', creditCode: '116401210102103862', enquiryPhone: '0951-8012502', complaintPhone: '12345', cityWindow: '' },
  yongningCulture: { name: '永宁县文化旅游广电局', short: '文化旅游', creditCode: '11640121010212445Y', enquiryPhone: '0951-8012318', complaintPhone: '12345', cityWindow: '' },
} as const satisfies Record<string, DemoDepartment>;
