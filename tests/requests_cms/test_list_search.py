"""The list's search: words of the number, the description and the applicant's name, on SQLite and PostgreSQL (where
the bigram GIN index serves words of two characters or more)."""

import importlib
from datetime import date
from io import StringIO
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import NotSupportedError, connection
from django.urls import reverse

from requests_cms.models import Applicant, InformationRequest
from requests_cms.search_grams import GramsContain, document
from requests_cms.selectors.search import search
from requests_cms.services import registration


def found(client, user, q):
    client.force_login(user)
    response = client.get(reverse("request_list"), {"q": q})
    assert response.status_code == 200
    return sorted(r.number for r in response.context["rows"])


@pytest.fixture
def builder(applicant, staff):
    return registration.applicant_create(agency=applicant.agency, by=staff["registrar"], kind="business",
                                         name="高平市丹河建材有限公司")


def test_a_two_character_word_in_the_middle_of_a_description_is_found(client, staff, make_request):
    budget = make_request(description="请公开2025年度部门预算及三公经费")
    make_request(description="请公开某某学校的招生计划")
    assert found(client, staff["handler"], "部门") == [budget.number]
    assert found(client, staff["handler"], "三公经费") == [budget.number]


def test_a_word_whose_bigrams_occur_only_apart_is_not_found(client, staff, make_request):
    apart = make_request(description="三公、公经、经费")  # every bigram of 三公经费, but never the word
    whole = make_request(description="三公经费的决算")
    assert set(apart.search_grams.split()) >= {"三公", "公经", "经费"}
    assert found(client, staff["handler"], "三公经费") == [whole.number]
    assert found(client, staff["handler"], "经费 三公") == sorted([apart.number, whole.number])


def test_a_fragment_of_the_number_is_found_in_any_case(client, staff, make_request):
    this_year = make_request(received=date(2025, 9, 25))
    last_year = make_request(received=date(2024, 9, 25))
    assert (this_year.number, last_year.number) == ("JYJ-2025-0001", "JYJ-2024-0001")
    # The descriptions say 2025 too; only the number has "2025-0".
    assert found(client, staff["handler"], "2025-0") == [this_year.number]
    assert found(client, staff["handler"], "jyj-2024") == [last_year.number]
    assert found(client, staff["handler"], "jyj-2024-0001") == [last_year.number]


def test_the_applicants_name_is_searched(client, staff, make_request, builder):
    theirs = make_request(description="采购合同", applicant=builder)
    make_request(description="请公开2025年度部门预算")
    assert found(client, staff["handler"], "丹河") == [theirs.number]
    assert found(client, staff["handler"], "丹河 采购") == [theirs.number]
    assert found(client, staff["handler"], "丹河 预算") == []


def test_one_word_may_match_the_applicant_and_another_the_description(client, staff, make_request, builder):
    theirs = make_request(description="建材、有限的预算", applicant=builder)  # bigrams of 建材有限 but not the word
    make_request(description="建材有限公司名单")
    assert found(client, staff["handler"], "建材有限 预算") == [theirs.number]


def test_a_single_character_still_matches_as_a_substring(client, staff, make_request, builder):
    budget = make_request(description="请公开2025年度部门预算")
    enrolment = make_request(description="招生计划")
    theirs = make_request(description="采购合同", applicant=builder)
    assert found(client, staff["handler"], "招") == [enrolment.number]
    assert found(client, staff["handler"], "丹") == [theirs.number]
    assert found(client, staff["handler"], "预 部") == [budget.number]


def test_an_edited_description_is_found_by_its_new_words(client, staff, make_request):
    req = make_request(description="请公开2025年度部门预算")
    req.description = "请公开某某学校的招生计划"
    req.save(update_fields=["description"])
    req.refresh_from_db()
    assert req.search_grams == document(req.number, "请公开某某学校的招生计划")
    assert found(client, staff["handler"], "招生") == [req.number]
    assert found(client, staff["handler"], "预算") == []


def test_imported_requests_are_found_by_their_words(client, staff, tmp_path):
    ledger = tmp_path / "ledger.csv"
    ledger.write_text(
        "number,agency,channel,received,applicant_name,applicant_kind,description,outcome,replied,delivered,"
        "challenge,challenge_result,challenge_received\n"
        "JY-2024-001,高平市教育局,in_person,2024-11-05,张伟,natural_person,学校名单,,,,,,\n", encoding="utf-8")
    call_command("import_ledger", str(ledger), stdout=StringIO(), stderr=StringIO())
    assert InformationRequest.objects.get(number="JY-2024-001").search_grams == document("JY-2024-001", "学校名单")
    assert found(client, staff["handler"], "名单") == ["JY-2024-001"]
    assert found(client, staff["handler"], "jy-2024") == ["JY-2024-001"]


def test_an_applicants_grams_are_those_of_the_name_and_follow_every_save(applicant):
    applicant.refresh_from_db()
    assert applicant.search_grams == "张伟"
    applicant.name = "高平市丹河建材有限公司"
    applicant.save()
    applicant.refresh_from_db()
    assert applicant.search_grams == document("高平市丹河建材有限公司")
    applicant.name = "李秀英"
    applicant.save(update_fields=["name"])
    applicant.refresh_from_db()
    assert applicant.search_grams == "李秀 秀英"
    # Derived from the name: not a column of the history.
    assert "search_grams" not in {f.name for f in Applicant.history.model._meta.fields}


def test_a_two_character_part_of_the_applicants_name_finds_the_request(client, staff, make_request, builder):
    theirs = make_request(description="采购合同", applicant=builder)
    make_request(description="请公开2025年度部门预算")
    assert found(client, staff["handler"], "建材") == [theirs.number]
    assert found(client, staff["handler"], "丹河建材") == [theirs.number]
    assert found(client, staff["handler"], "河建 采购") == [theirs.number]
    assert found(client, staff["handler"], "丹河材") == []  # every bigram of 丹河材 is known, never the word


def test_a_renamed_applicant_is_found_by_the_new_name_only(client, staff, make_request, builder):
    theirs = make_request(description="采购合同", applicant=builder)
    builder.name = "高平市泫氏铸造有限公司"
    builder.save(update_fields=["name"])
    assert found(client, staff["handler"], "泫氏") == [theirs.number]
    assert found(client, staff["handler"], "丹河") == []


def test_imported_applicants_are_found_by_a_part_of_their_name(client, staff, tmp_path):
    ledger = tmp_path / "ledger.csv"
    ledger.write_text(
        "number,agency,channel,received,applicant_name,applicant_kind,description,outcome,replied,delivered,"
        "challenge,challenge_result,challenge_received\n"
        "JY-2024-002,高平市教育局,in_person,2024-11-05,山西长平律师事务所,legal_services,学校名单,,,,,,\n",
        encoding="utf-8")
    call_command("import_ledger", str(ledger), stdout=StringIO(), stderr=StringIO())
    assert Applicant.objects.get(name="山西长平律师事务所").search_grams == document("山西长平律师事务所")
    assert found(client, staff["handler"], "律师") == ["JY-2024-002"]


def test_the_migration_fills_the_grams_of_existing_applicants(applicant, builder):
    Applicant.objects.update(search_grams="")  # as after AddField, before the backfill
    migration = importlib.import_module("requests_cms.migrations.0004_applicant_search_grams")
    migration.backfill(apps, SimpleNamespace(connection=connection))
    assert dict(Applicant.objects.values_list("name", "search_grams")) == {
        "张伟": document("张伟"), "高平市丹河建材有限公司": document("高平市丹河建材有限公司")}


# --- PostgreSQL: the index exists and serves the search --------------------------------------------------------------
def needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("the bigram GIN index exists on PostgreSQL only")


@pytest.mark.postgres
@pytest.mark.django_db
@pytest.mark.parametrize(("index", "model"), [("requests_cms_request_grams_gin", InformationRequest),
                                              ("requests_cms_applicant_grams_gin", Applicant)])
def test_the_migrations_create_the_gin_index_on_the_grams_array(index, model):
    needs_postgres()
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename, indexdef FROM pg_indexes WHERE indexname = %s", [index])
        row = cursor.fetchone()
    assert row is not None
    assert row[0] == model._meta.db_table
    assert "USING gin (string_to_array(search_grams, ' '::text))" in row[1]


@pytest.mark.postgres
def test_the_search_reads_the_gin_index_and_the_applicant_index_together(make_request, builder):
    needs_postgres()
    make_request(description="请公开2025年度部门预算")
    make_request(description="采购合同", applicant=builder)
    with connection.cursor() as cursor:  # the test tables are tiny: leave the planner only bitmap scans
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    plan = search(InformationRequest.objects.all(), "预算 丹河").explain()
    assert "requests_cms_request_grams_gin" in plan
    assert "BitmapOr" in plan and "applicant_id = ANY" in plan


@pytest.mark.postgres
def test_the_applicant_sub_select_reads_the_applicants_gin_index(make_request, builder):
    needs_postgres()
    make_request(description="采购合同", applicant=builder)
    with connection.cursor() as cursor:  # the test tables are tiny: leave the planner no sequential scan
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = search(InformationRequest.objects.all(), "丹河").explain()
    assert "requests_cms_applicant_grams_gin" in plan
    assert "Seq Scan on requests_cms_applicant" not in plan


@pytest.mark.django_db
def test_other_databases_never_render_the_index_condition():
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL renders it")
    with pytest.raises(NotSupportedError):
        str(InformationRequest.objects.filter(GramsContain({"预算"})).query)


@pytest.mark.parametrize(("word", "lookup"), [("学校", "contains"), ("2025-0", "contains"), ("jyj", "icontains"),
                                              ("Ⅱ号", "icontains")])
def test_a_word_without_letters_of_a_case_is_matched_without_case_folding_the_rows(word, lookup):
    where = search(InformationRequest.objects.all(), word).query.where
    assert _text_lookups(where) == {lookup}


def _text_lookups(node):
    """The lookups of the description/number conditions in a where tree."""
    found = set()
    for child in getattr(node, "children", ()):
        target = getattr(getattr(child, "lhs", None), "target", None)
        if target is not None and target.name in ("description", "number"):
            found.add(child.lookup_name)
        found |= _text_lookups(child)
    return found


def test_a_word_with_a_case_still_finds_the_request_in_any_case_while_chinese_words_match_exactly(
        client, staff, make_request):
    latin = make_request(description="请公开ABC小学的校车采购合同")
    assert found(client, staff["handler"], "abc") == [latin.number]
    assert found(client, staff["handler"], "校车") == [latin.number]
    assert found(client, staff["handler"], "校车 abc") == [latin.number]
