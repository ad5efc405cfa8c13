"""The demo organisation's business departments (业务科室): plausible offices of each unit, by agency code, and by
level for the units not named. Public-style names only; an agency's administrator edits the real ones."""

from simple_history.utils import bulk_create_with_history

from requests_cms.models import Agency, AgencyLevel, Department

BY_CODE = {
    "gpszf": ["政务公开办公室", "综合科", "法制办公室", "督查室"],
    "fgj": ["综合股", "发展规划股", "投资股", "价格股"],
    "jyj": ["基础教育股", "计划财务股", "人事股", "学生资助管理中心"],
    "gxj": ["综合股", "产业发展股", "节能与综合利用股"],
    "gaj": ["法制大队", "治安管理大队", "户政管理大队", "交通警察大队"],
    "mzj": ["社会救助股", "养老服务股", "社会组织管理股", "区划地名股"],
    "sfj": ["法治督察股", "公共法律服务股", "人民参与和促进法治股"],
    "czj": ["预算股", "国库股", "政府采购管理股", "农业股"],
    "rsj": ["就业促进股", "社会保险股", "劳动关系股", "人事管理股"],
    "zrzyj": ["国土空间规划股", "耕地保护股", "不动产登记中心", "执法监察大队"],
    "zjj": ["建筑市场管理股", "房地产市场管理股", "城建股", "住房保障股"],
    "cgj": ["市容环卫股", "市政设施股", "综合执法大队"],
    "jtj": ["综合规划股", "公路管理股", "运输管理股"],
    "swj": ["水资源管理股", "水利工程股", "河湖管理股"],
    "nyj": ["农村经济股", "种植业股", "农田建设管理股"],
    "lyj": ["资源管理股", "生态修复股", "森林防火股"],
    "wlj": ["文物保护股", "旅游发展股", "文化市场综合执法队"],
    "wtj": ["医政医管股", "疾病预防控制股", "体育股"],
    "tyjrj": ["优抚股", "移交安置股", "权益维护股"],
    "yjj": ["安全生产综合股", "应急救援股", "防灾减灾股"],
    "sjj": ["财政审计股", "经济责任审计股", "固定资产投资审计股"],
    "scjgj": ["登记注册股", "食品安全监管股", "质量与标准化股", "价格监督检查股"],
    "tjj": ["综合统计股", "农村统计股", "工业交通统计股"],
    "ybj": ["待遇保障股", "医药价格和招标采购股", "基金监管股"],
    "xzspj": ["投资项目审批股", "社会事务审批股", "政务服务管理股"],
    "xfj": ["来信办理股", "来访接待股", "督查股"],
    "nyyj": ["煤炭管理股", "电力管理股", "新能源股"],
    "kfq": ["经济发展部", "规划建设部", "招商服务部"],
    "swju": ["征收管理股", "纳税服务股", "法制股"],
    "sthj": ["环境监测站", "环评审批股", "综合执法队"],
}
BY_LEVEL = {
    AgencyLevel.SUBDISTRICT: ["党政综合办公室", "社会事务办公室", "城市管理办公室"],
    AgencyLevel.TOWNSHIP: ["党政综合办公室", "经济发展办公室", "社会事务办公室", "规划建设办公室"],
    AgencyLevel.PUBLIC_INSTITUTION: ["综合办公室", "业务科", "财务科"],
}
DEFAULT = ["办公室", "业务股", "财务股"]


def names_for(agency):
    return BY_CODE.get(agency.code) or BY_LEVEL.get(agency.level) or DEFAULT


def load_departments():
    """Create the missing demo departments of every agency (idempotent); returns how many were created."""
    existing = set(Department.objects.values_list("agency_id", "name"))
    missing = [Department(agency=agency, name=name) for agency in Agency.objects.order_by("id")
               for name in names_for(agency) if (agency.pk, name) not in existing]
    bulk_create_with_history(missing, Department)
    return len(missing)
