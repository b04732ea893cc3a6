/**
 * The starter catalogue: common health indicators of Chinese city/county work plans with the aliases plans
 * write them under. Reference targets are given only where the national document's figure is well known
 * (健康中国行动(2019—2030年) main indicators for 2022 and 2030, the 健康中国2030 outline, the 14th five-year
 * plan); everywhere else they are left empty rather than guessed. Admins extend the catalogue in the database.
 */
import type { Direction, Indicator, IndicatorType, ReferenceTarget } from "./indicator.js";

const HCA = "健康中国行动(2019—2030年)";
const OUTLINE = "“健康中国2030”规划纲要";
const FYP14 = "国民经济和社会发展第十四个五年规划";

type Ref = [source: string, year: number, comparator: ReferenceTarget["comparator"], value: number];

interface Spec {
  aliases?: string[];
  num?: string;
  den?: string;
  refs?: Ref[];
}

const HI: Direction = "higher_is_better";
const LO: Direction = "lower_is_better";

function ind(
  code: string,
  name: string,
  type: IndicatorType,
  unit: string,
  direction: Direction,
  spec: Spec = {},
) {
  return {
    code,
    name,
    aliases: spec.aliases ?? [],
    unit,
    type,
    direction,
    numerator: spec.num ?? null,
    denominator: spec.den ?? null,
    references: (spec.refs ?? []).map(([source, year, comparator, value]) => ({
      source,
      year,
      comparator,
      value,
    })),
  } satisfies Indicator;
}

const pct = (code: string, name: string, direction: Direction, spec?: Spec) =>
  ind(code, name, "percentage", "%", direction, spec);

export const STARTER_CATALOGUE: readonly Indicator[] = [
  // 健康水平
  ind("LIFE_EXPECTANCY", "人均预期寿命", "number", "岁", HI, {
    aliases: [
      "居民人均预期寿命",
      "人均期望寿命",
      "人均居民期望寿命",
      "居民平均预期寿命",
      "平均预期寿命",
      "期望寿命",
    ],
    refs: [[OUTLINE, 2030, ">=", 79]],
  }),
  ind("MATERNAL_MORTALITY", "孕产妇死亡率", "per_100k", "/10万", LO, {
    num: "孕产妇死亡数",
    den: "活产数",
    refs: [
      [HCA, 2022, "<=", 18],
      [HCA, 2030, "<=", 12],
    ],
  }),
  ind("INFANT_MORTALITY", "婴儿死亡率", "permille", "‰", LO, {
    num: "婴儿死亡数",
    den: "活产数",
    refs: [
      [HCA, 2022, "<=", 7.5],
      [HCA, 2030, "<=", 5],
    ],
  }),
  ind("UNDER5_MORTALITY", "5岁以下儿童死亡率", "permille", "‰", LO, {
    aliases: ["五岁以下儿童死亡率"],
    num: "5岁以下儿童死亡数",
    den: "活产数",
    refs: [
      [HCA, 2022, "<=", 9.5],
      [HCA, 2030, "<=", 6],
    ],
  }),
  ind("BIRTH_DEFECT_RATE", "出生缺陷发生率", "permille", "‰", LO, {
    aliases: ["围产期出生缺陷发生率", "围产儿出生缺陷发生率"],
    num: "出生缺陷例数",
    den: "围产儿数",
  }),
  ind("SEVERE_BIRTH_DEFECT_RATE", "严重致残致畸出生缺陷发生率", "permille", "‰", LO, {
    aliases: ["严重致残出生缺陷发生率", "严重出生缺陷发生率"],
    num: "严重致残致畸出生缺陷例数",
    den: "围产儿数",
  }),
  pct("PREMATURE_NCD_MORTALITY", "重大慢性病过早死亡率", LO, {
    aliases: [
      "30-70岁人群重大慢性病过早死亡率",
      "30-70岁人群因心脑血管疾病、癌症、慢性呼吸系统疾病和糖尿病导致的过早死亡率",
      "四类重大慢性病过早死亡率",
      "重大慢病过早死亡率",
    ],
    refs: [
      [HCA, 2022, "<=", 15.9],
      [HCA, 2030, "<=", 13],
    ],
  }),
  ind("CVD_MORTALITY", "心脑血管疾病死亡率", "per_100k", "/10万", LO, {
    num: "心脑血管疾病死亡人数",
    den: "常住人口数",
    refs: [
      [HCA, 2022, "<=", 209.7],
      [HCA, 2030, "<=", 190.7],
    ],
  }),
  ind("CRD_MORTALITY_70", "70岁及以下人群慢性呼吸系统疾病死亡率", "per_100k", "/10万", LO, {
    aliases: ["慢性呼吸系统疾病死亡率"],
    refs: [
      [HCA, 2022, "<=", 9],
      [HCA, 2030, "<=", 8.1],
    ],
  }),
  pct("CANCER_5Y_SURVIVAL", "总体癌症5年生存率", HI, {
    aliases: ["癌症5年生存率", "总体癌症五年生存率"],
    refs: [
      [HCA, 2022, ">=", 43.3],
      [HCA, 2030, ">=", 46.6],
    ],
  }),
  pct("MATERNAL_ANEMIA", "孕妇贫血率", LO, {
    refs: [
      [HCA, 2022, "<", 14],
      [HCA, 2030, "<", 10],
    ],
  }),
  pct("UNDER5_STUNTING", "5岁以下儿童生长迟缓率", LO, {
    refs: [
      [HCA, 2022, "<", 7],
      [HCA, 2030, "<", 5],
    ],
  }),
  pct("CHILD_MYOPIA", "儿童青少年总体近视率", LO, { aliases: ["儿童青少年近视率"] }),
  // 健康素养与生活方式
  pct("HEALTH_LITERACY", "居民健康素养水平", HI, {
    aliases: ["健康素养水平", "城乡居民健康素养水平", "居民健康素养", "全民健康素养水平"],
    num: "具备基本健康素养的人数",
    den: "监测调查人数",
    refs: [
      [HCA, 2022, ">=", 22],
      [HCA, 2030, ">=", 30],
    ],
  }),
  pct("MENTAL_HEALTH_LITERACY", "居民心理健康素养水平", HI, {
    aliases: ["心理健康素养水平"],
    refs: [
      [HCA, 2022, ">=", 20],
      [HCA, 2030, ">=", 30],
    ],
  }),
  pct("SMOKING_RATE", "15岁以上人群吸烟率", LO, {
    aliases: ["15岁及以上人群吸烟率", "成人吸烟率", "人群吸烟率"],
    refs: [
      [HCA, 2022, "<", 24.5],
      [HCA, 2030, "<", 20],
    ],
  }),
  pct("EXERCISE_RATE", "经常参加体育锻炼人数比例", HI, {
    aliases: ["经常参加体育锻炼人数占比", "经常参加体育锻炼的人数比例"],
    refs: [
      [HCA, 2022, ">=", 37],
      [HCA, 2030, ">=", 40],
    ],
  }),
  pct("PHYSICAL_FITNESS", "城乡居民达到《国民体质测定标准》合格以上的人数比例", HI, {
    aliases: ["国民体质测定标准合格以上的人数比例", "国民体质合格率"],
    refs: [
      [HCA, 2022, ">=", 90.86],
      [HCA, 2030, ">=", 92.17],
    ],
  }),
  pct("STUDENT_FITNESS", "国家学生体质健康标准达标优良率", HI, {
    aliases: ["学生体质健康标准达标优良率", "学生体质健康达标优良率"],
    refs: [
      [HCA, 2022, ">=", 50],
      [HCA, 2030, ">=", 60],
    ],
  }),
  ind("SALT_INTAKE", "人均每日食盐摄入量", "number", "克", LO, { aliases: ["人均每日食盐摄入"] }),
  pct("HTN_AWARENESS", "30岁及以上居民高血压知晓率", HI, {
    aliases: ["高血压知晓率", "居民高血压知晓率"],
    refs: [
      [HCA, 2022, ">=", 55],
      [HCA, 2030, ">=", 65],
    ],
  }),
  pct("DM_AWARENESS", "18岁及以上居民糖尿病知晓率", HI, {
    aliases: ["糖尿病知晓率", "居民糖尿病知晓率"],
    refs: [
      [HCA, 2022, ">=", 50],
      [HCA, 2030, ">=", 60],
    ],
  }),
  pct("CANCER_KNOWLEDGE", "癌症防治核心知识知晓率", HI, {
    refs: [
      [HCA, 2022, ">=", 70],
      [HCA, 2030, ">=", 80],
    ],
  }),
  pct("COPD_AWARENESS", "40岁及以上居民慢阻肺知晓率", HI, {
    aliases: ["慢阻肺知晓率"],
    refs: [
      [HCA, 2022, ">=", 15],
      [HCA, 2030, ">=", 30],
    ],
  }),
  // 基本公共卫生服务
  ind("BPHS_FUNDING_PER_CAPITA", "人均基本公共卫生服务经费补助标准", "ratio", "元", HI, {
    aliases: ["人均基本公共卫生服务经费", "基本公共卫生服务经费人均补助标准", "人均基本公共卫生服务补助标准"],
    num: "基本公共卫生服务补助经费",
    den: "常住人口数",
  }),
  pct("EHR_FILING", "居民电子健康档案建档率", HI, {
    aliases: ["电子健康档案建档率", "居民健康档案建档率", "规范化电子健康档案建档率", "电子健康档案覆盖率"],
    num: "建立电子健康档案人数",
    den: "常住人口数",
  }),
  pct("EHR_OPEN", "居民电子健康档案开放率", HI, {
    aliases: ["电子健康档案开放率", "电子健康档案向居民开放率"],
    num: "已向本人开放电子健康档案人数",
    den: "建立电子健康档案人数",
  }),
  pct("FAMILY_DOCTOR_SIGNING", "家庭医生签约率", HI, {
    aliases: [
      "家庭医生签约服务覆盖率",
      "家庭医生签约服务率",
      "常住人口家庭医生签约率",
      "家庭医生签约群众占常住人口比例",
      "家庭医生签约覆盖率",
      "签约服务覆盖率",
    ],
    num: "家庭医生签约人数",
    den: "常住人口数",
  }),
  pct("FAMILY_DOCTOR_KEY_SIGNING", "重点人群家庭医生签约率", HI, {
    aliases: ["重点人群签约率", "重点人群签约服务覆盖率", "重点人群家庭医生签约服务覆盖率"],
    num: "重点人群签约人数",
    den: "重点人群人数",
  }),
  pct("HTN_STANDARD_MGMT", "高血压患者规范管理率", HI, {
    aliases: ["高血压规范管理率", "原发性高血压患者规范管理率", "高血压患者基层规范管理服务率"],
    num: "按照规范要求进行高血压患者健康管理的人数",
    den: "年内已管理的高血压患者人数",
    refs: [
      [HCA, 2022, ">=", 60],
      [HCA, 2030, ">=", 70],
    ],
  }),
  pct("T2DM_STANDARD_MGMT", "2型糖尿病患者规范管理率", HI, {
    aliases: [
      "糖尿病患者规范管理率",
      "糖尿病规范管理率",
      "2型糖尿病规范管理率",
      "糖尿病患者基层规范管理服务率",
    ],
    num: "按照规范要求进行2型糖尿病患者健康管理的人数",
    den: "年内已管理的2型糖尿病患者人数",
    refs: [
      [HCA, 2022, ">=", 60],
      [HCA, 2030, ">=", 70],
    ],
  }),
  ind("HTN_MANAGED", "高血压患者管理人数", "count", "人", HI, {
    aliases: ["高血压患者健康管理人数", "管理高血压患者"],
  }),
  ind("T2DM_MANAGED", "2型糖尿病患者管理人数", "count", "人", HI, {
    aliases: ["糖尿病患者管理人数", "糖尿病患者健康管理人数", "管理糖尿病患者"],
  }),
  pct("SMI_STANDARD_MGMT", "严重精神障碍患者规范管理率", HI, {
    aliases: ["严重精神障碍患者规范化管理率", "严重精神障碍规范管理率"],
    num: "规范管理的严重精神障碍患者人数",
    den: "登记在册的严重精神障碍患者人数",
  }),
  pct("SMI_MANAGEMENT", "严重精神障碍患者管理率", HI, {
    aliases: ["在册严重精神障碍患者管理率"],
    num: "在管的严重精神障碍患者人数",
    den: "登记在册的严重精神障碍患者人数",
  }),
  pct("ELDERLY_HEALTH_MGMT", "65岁以上老年人健康管理率", HI, {
    aliases: ["65岁及以上老年人健康管理率", "老年人健康管理率", "65岁及以上老年人城乡社区规范健康管理服务率"],
    num: "接受健康管理的65岁及以上老年人数",
    den: "辖区内65岁及以上常住居民数",
  }),
  pct("MATERNAL_SYSTEM_MGMT", "孕产妇系统管理率", HI, {
    num: "孕产妇系统管理人数",
    den: "活产数",
    refs: [
      [HCA, 2022, ">=", 90],
      [HCA, 2030, ">=", 90],
    ],
  }),
  pct("CHILD_SYSTEM_MGMT", "3岁以下儿童系统管理率", HI, {
    aliases: ["三岁以下儿童系统管理率", "儿童系统管理率"],
    num: "3岁以下儿童系统管理人数",
    den: "3岁以下儿童数",
    refs: [
      [HCA, 2022, ">=", 90],
      [HCA, 2030, ">=", 90],
    ],
  }),
  pct("CHILD_HEALTH_MGMT", "7岁以下儿童健康管理率", HI, {
    aliases: ["0-6岁儿童健康管理率", "七岁以下儿童健康管理率", "儿童健康管理率"],
    num: "接受健康管理的7岁以下儿童数",
    den: "7岁以下儿童数",
    refs: [
      [HCA, 2022, ">=", 85],
      [HCA, 2030, ">=", 90],
    ],
  }),
  pct("IMMUNIZATION_RATE", "适龄儿童免疫规划疫苗接种率", HI, {
    aliases: [
      "适龄儿童国家免疫规划疫苗接种率",
      "国家免疫规划疫苗接种率",
      "免疫规划疫苗接种率",
      "儿童免疫规划疫苗接种率",
      "适龄儿童免疫规划疫苗报告接种率",
    ],
    num: "实际接种人数",
    den: "应接种人数",
    refs: [
      [HCA, 2022, ">", 90],
      [HCA, 2030, ">", 90],
    ],
  }),
  pct("PRENATAL_SCREENING", "产前筛查率", HI, {
    num: "产前筛查人数",
    den: "活产数",
    refs: [
      [HCA, 2022, ">=", 70],
      [HCA, 2030, ">=", 80],
    ],
  }),
  pct("NEWBORN_METABOLIC_SCREENING", "新生儿遗传代谢性疾病筛查率", HI, {
    aliases: ["新生儿遗传代谢病筛查率", "新生儿疾病筛查率"],
    refs: [
      [HCA, 2022, ">=", 98],
      [HCA, 2030, ">=", 98],
    ],
  }),
  pct("NEWBORN_HEARING_SCREENING", "新生儿听力筛查率", HI),
  pct("TWO_CANCERS_SCREENING", "农村适龄妇女宫颈癌和乳腺癌筛查覆盖率", HI, {
    aliases: [
      "适龄妇女宫颈癌和乳腺癌筛查覆盖率",
      "适龄妇女两癌筛查覆盖率",
      "两癌筛查覆盖率",
      "妇女两癌筛查覆盖率",
    ],
    refs: [
      [HCA, 2022, ">=", 80],
      [HCA, 2030, ">=", 90],
    ],
  }),
  // 传染病
  ind("TB_INCIDENCE", "肺结核报告发病率", "per_100k", "/10万", LO, {
    aliases: ["结核病报告发病率", "肺结核发病率", "结核病发病率"],
    num: "报告肺结核病例数",
    den: "常住人口数",
    refs: [[HCA, 2022, "<", 55]],
  }),
  ind("HIV_INCIDENCE", "艾滋病报告发病率", "per_100k", "/10万", LO, { aliases: ["艾滋病发病率"] }),
  ind("NOTIFIABLE_INCIDENCE", "甲乙类法定传染病报告发病率", "per_100k", "/10万", LO, {
    aliases: ["甲乙类传染病报告发病率", "法定传染病报告发病率"],
    num: "甲乙类法定传染病报告病例数",
    den: "常住人口数",
  }),
  pct("INFECTIOUS_REPORTING", "法定传染病报告率", HI, {
    aliases: ["传染病网络报告率", "法定传染病网络报告率"],
  }),
  // 资源与服务体系
  ind("PHYSICIANS_PER_1000", "每千常住人口执业(助理)医师数", "per_1000", "人", HI, {
    aliases: [
      "每千人口执业(助理)医师数",
      "每千常住人口执业医师数",
      "每千人口执业医师数",
      "千人口执业(助理)医师数",
    ],
    num: "执业(助理)医师数",
    den: "常住人口数",
    refs: [[OUTLINE, 2030, ">=", 3]],
  }),
  ind("NURSES_PER_1000", "每千常住人口注册护士数", "per_1000", "人", HI, {
    aliases: ["每千人口注册护士数", "千人口注册护士数"],
    num: "注册护士数",
    den: "常住人口数",
    refs: [[OUTLINE, 2030, ">=", 4.7]],
  }),
  ind("BEDS_PER_1000", "每千常住人口医疗卫生机构床位数", "per_1000", "张", HI, {
    aliases: ["每千常住人口床位数", "每千人口床位数", "每千人口医疗卫生机构床位数", "千人口床位数"],
    num: "医疗卫生机构床位数",
    den: "常住人口数",
  }),
  ind("GP_PER_10K", "每万常住人口全科医生数", "per_10k", "人", HI, {
    aliases: [
      "每万人口全科医生数",
      "每万名居民全科医生数",
      "每万常住人口拥有全科医生数",
      "每万人口拥有全科医生数",
    ],
    num: "全科医生数",
    den: "常住人口数",
    refs: [["国务院办公厅关于改革完善全科医生培养与使用激励机制的意见", 2030, ">=", 5]],
  }),
  ind("CHILDCARE_PLACES_PER_1000", "每千人口拥有3岁以下婴幼儿托位数", "per_1000", "个", HI, {
    aliases: ["每千人口3岁以下婴幼儿托位数", "每千人口托位数", "千人口托位数", "每千人口婴幼儿托位数"],
    num: "3岁以下婴幼儿托位数",
    den: "常住人口数",
    refs: [[FYP14, 2025, ">=", 4.5]],
  }),
  ind("ELDERLY_CARE_BEDS_PER_1000", "每千名老年人医疗康复护理床位数", "per_1000", "张", HI, {
    num: "医疗康复护理床位数",
    den: "60岁及以上老年人口数",
  }),
  ind("PHYSICIANS", "执业(助理)医师数", "count", "人", HI, { aliases: ["执业医师数"] }),
  ind("BEDS", "医疗卫生机构床位数", "count", "张", HI, { aliases: ["实际开放床位数", "床位数"] }),
  ind("CHILDCARE_PLACES", "3岁以下婴幼儿托位数", "count", "个", HI, { aliases: ["婴幼儿托位数", "托位数"] }),
  pct("GERIATRIC_DEPT_SHARE", "二级及以上综合性医院设老年医学科比例", HI, {
    aliases: [
      "二级及以上公立综合性医院设立老年医学科比例",
      "二级及以上公立综合性医院建立老年医学科比例",
      "二级及以上综合性医院设立老年医学科的比例",
    ],
    refs: [
      [HCA, 2022, ">=", 50],
      [HCA, 2030, ">=", 90],
    ],
  }),
  pct("HOSPICE_PRIMARY_SHARE", "提供安宁疗护服务的基层医疗卫生机构比例", HI, {
    aliases: ["提供安宁疗护服务的乡镇卫生院(社区卫生服务中心)比例"],
  }),
  pct("TCM_PRIMARY_SHARE", "能够提供中医药服务的基层医疗卫生机构比例", HI, {
    aliases: [
      "能提供中医药服务的乡镇卫生院(社区卫生服务中心)比例",
      "能提供六类十项中医药适宜技术服务的乡镇卫生院(社区卫生服务中心)比例",
      "提供中医药服务的基层医疗卫生机构占比",
    ],
  }),
  pct("TCM_VISIT_SHARE", "基层医疗卫生机构中医诊疗人次占总诊疗人次比例", HI, {
    aliases: ["基层中医诊疗量占比", "中医诊疗人次占比"],
    num: "基层中医诊疗人次",
    den: "基层总诊疗人次",
  }),
  // 分级诊疗与医保
  pct("COUNTY_VISIT_RATE", "县域内就诊率", HI, { aliases: ["县域就诊率", "县域内住院就诊率"] }),
  pct("PRIMARY_VISIT_SHARE", "基层医疗卫生机构诊疗量占总诊疗量比例", HI, {
    aliases: ["基层就诊率", "基层诊疗量占比", "基层医疗卫生机构诊疗人次占比", "基层就诊占比"],
    num: "基层医疗卫生机构诊疗人次",
    den: "总诊疗人次",
  }),
  pct("INSURANCE_ENROLMENT", "城乡居民基本医疗保险参保率", HI, {
    aliases: ["基本医疗保险参保率", "基本医保参保率", "新农合参合率", "参合率", "城乡居民医保参保率"],
  }),
  pct("INPATIENT_REIMBURSEMENT", "政策范围内住院费用报销比例", HI, {
    aliases: ["政策范围内住院费用基金支付比例", "住院费用报销比例"],
  }),
  pct("OOP_SHARE", "个人卫生支出占卫生总费用的比重", LO, {
    aliases: ["居民个人卫生支出占卫生总费用比重", "个人卫生支出占卫生总费用比重", "个人卫生支出占比"],
    num: "个人卫生支出",
    den: "卫生总费用",
    refs: [
      [HCA, 2022, "<=", 27.5],
      [HCA, 2030, "<=", 25],
    ],
  }),
  // 公立医院运行
  ind("OUTPATIENT_COST", "门急诊次均费用", "ratio", "元", LO, {
    aliases: ["门急诊均次费用", "门诊次均费用", "门诊均次费用"],
    num: "门急诊收入",
    den: "门急诊人次",
  }),
  ind("INPATIENT_COST", "住院次均费用", "ratio", "元", LO, {
    aliases: ["住院均次费用", "住院均次费", "出院患者次均费用"],
    num: "住院收入",
    den: "出院人次",
  }),
  pct("SERVICE_REVENUE_SHARE", "医疗服务收入占医疗收入比例", HI, {
    aliases: ["公立医院医疗服务收入占比", "医疗服务收入占比", "医疗服务收入占医疗收入比重"],
    num: "医疗服务收入",
    den: "医疗收入",
  }),
  pct("DRUG_REVENUE_SHARE", "药品收入占医疗收入比例", LO, { aliases: ["药占比", "药品收入占比"] }),
  pct("PERSONNEL_EXPENSE_SHARE", "人员支出占业务支出比例", HI, { aliases: ["人员支出占业务支出比重"] }),
  ind("CASE_MIX_INDEX", "病例组合指数", "number", "", HI, {
    aliases: ["病例组合指数(CMI)值", "CMI值", "CMI"],
  }),
  pct("LEVEL4_SURGERY_SHARE", "四级手术占比", HI, { aliases: ["出院患者四级手术比例", "四级手术比例"] }),
  pct("MINIMALLY_INVASIVE_SHARE", "微创手术占比", HI, { aliases: ["出院患者微创手术占比", "微创手术比例"] }),
  pct("SURGERY_SHARE", "出院患者手术占比", HI, { aliases: ["医院出院患者手术占比"] }),
  // 环境卫生
  pct("RURAL_SANITARY_TOILETS", "农村卫生厕所普及率", HI, {
    aliases: ["农村户卫生厕所普及率", "农村居住户卫生厕所普及率", "农村无害化卫生厕所普及率"],
  }),
  pct("RURAL_PIPED_WATER", "农村集中供水率", HI, { aliases: ["农村集中式供水覆盖率"] }),
  pct("SMOKE_FREE_LAW_COVERAGE", "无烟法规保护人口比例", HI, {
    refs: [
      [HCA, 2022, ">=", 30],
      [HCA, 2030, ">=", 80],
    ],
  }),
];
