/**
 * The demo counties' departments, owners of their county-only items. Credit codes are made up in
 * the real format (登记管理部门 1 机构编制 + 机构类别 + the county's area + a GB 11714 organisation code
 * + GB 32100 check) and pass the check; they are not the departments' real codes.
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

/** Departments of the two demo counties, owners of their county-only items. */
export const COUNTY_DEPARTMENTS = {
  xingqingHousing: { name: '银川市兴庆区住房城乡建设和交通局', short: '住建交通', creditCode: '1164010401011321XU', enquiryPhone: '0951-6716319', complaintPhone: '12345', cityWindow: '' },
  xingqingHrss: { name: '银川市兴庆区人力资源和社会保障局', short: '人社', creditCode: '11640104010114554T', enquiryPhone: '0951-6716333', complaintPhone: '12333', cityWindow: '' },
  xingqingCivil: { name: '银川市兴庆区民政局', short: '民政', creditCode: '11640104010112030H', enquiryPhone: '0951-6716502', complaintPhone: '12345', cityWindow: '' },
  yongningAgriculture: { name: '永宁县农业农村局', short: '农业农村', creditCode: '11640121010211063W', enquiryPhone: '0951-8012316', complaintPhone: '12316', cityWindow: '' },
  yongningCivil: { name: '永宁县民政局', short: '民政', creditCode: '116401210102103862', enquiryPhone: '0951-8012502', complaintPhone: '12345', cityWindow: '' },
  yongningCulture: { name: '永宁县文化旅游广电局', short: '文化旅游', creditCode: '11640121010212445Y', enquiryPhone: '0951-8012318', complaintPhone: '12345', cityWindow: '' },
} as const satisfies Record<string, DemoDepartment>;
