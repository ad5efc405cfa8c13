"""Demo logins: every role in two agencies, plus the oversight office and an administrator."""

from requests_cms.models import Agency, Role, User

DEMO_PASSWORD = "Demo@2026"
DEMO_AGENCIES = {"jyj": "高平市教育局", "zrzyj": "高平市自然资源局"}
STAFF = [
    ("registrar", "登记员", [Role.REGISTRAR]),
    ("handler", "承办人", [Role.HANDLER]),
    ("approver", "负责人", [Role.APPROVER]),
    ("auditor", "法制审核", [Role.AUDITOR]),
]
SURNAMES = {"jyj": ["刘芳", "陈磊", "郭慧", "秦明"], "zrzyj": ["牛娟", "常浩", "申丽", "焦阳"]}
# Department officers (业务科室经办人): (login suffix, name, department) per demo agency.
OFFICERS = {
    "jyj": [("jcjy", "李红", "基础教育股"), ("jhcw", "王斌", "计划财务股")],
    "zrzyj": [("ghg", "赵敏", "国土空间规划股"), ("bdc", "孙强", "不动产登记中心")],
}


def load_users():
    created = []
    for code, agency_name in DEMO_AGENCIES.items():
        agency = Agency.objects.get(name=agency_name)
        for (suffix, label, roles), person in zip(STAFF, SURNAMES[code], strict=True):
            created.append(_user(f"{code}-{suffix}", f"{person}", agency, roles, f"{agency.name} {label}"))
        for suffix, person, department_name in OFFICERS[code]:
            department = agency.departments.get(name=department_name)
            created.append(_user(f"{code}-{suffix}", person, agency, [Role.DEPARTMENT_OFFICER],
                                 f"{agency.name} {department_name} 业务科室经办人", department=department))
        # The agency's administrator: edits its departments in the admin (scoped to the agency).
        agency_admin = _user(f"{code}-admin", f"{agency.short_name}管理员", agency, [Role.ADMINISTRATOR],
                             f"{agency.name} 系统管理员（本机关业务科室）")
        User.objects.filter(pk=agency_admin[3]).update(is_staff=True)
        created.append(agency_admin)
    city = Agency.objects.get(name="高平市人民政府")
    created.append(_user("oversight", "王主任", city, [Role.OVERSIGHT], "政务公开办（全市）"))
    admin = _user("admin", "系统管理员", city, [Role.ADMINISTRATOR], "系统管理员（后台）")
    User.objects.filter(pk=admin[3]).update(is_staff=True, is_superuser=True)
    created.append(admin)
    return created


def _user(username, full_name, agency, roles, label, department=None):
    user, made = User.objects.get_or_create(username=username, defaults=dict(
        full_name=full_name, agency=agency, roles=[str(r) for r in roles], email=f"{username}@example.gov.cn",
        department=department))
    if made:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return (username, DEMO_PASSWORD, label, user.pk)
