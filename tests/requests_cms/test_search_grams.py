"""The search bigrams: what is stored for a request and what a query word requires (pure functions, no database)."""

from requests_cms.search_grams import document, grams, word_grams


def test_a_chinese_run_gives_its_overlapping_bigrams():
    assert grams("部门预算") == {"部门", "门预", "预算"}


def test_runs_are_cut_at_punctuation_and_spaces():
    assert grams("预算，三公经费") == {"预算", "三公", "公经", "经费"}
    assert grams("学校 招生") == {"学校", "招生"}


def test_chinese_and_ascii_in_one_run_pair_across_the_boundary():
    assert grams("2025年度") == {"20", "02", "25", "5年", "年度"}


def test_letters_are_case_folded():
    assert grams("JYJ-2026-0012") == grams("jyj-2026-0012") == {"jy", "yj", "20", "02", "26", "00", "01", "12"}


def test_a_one_character_run_is_kept_whole():
    assert grams("A") == {"a"}
    assert grams("第3号") == {"第3", "3号"}
    assert grams("甲、乙") == {"甲", "乙"}


def test_punctuation_and_empty_text_give_nothing():
    assert grams("——，。（）") == set()
    assert grams("") == grams(None) == set()


def test_the_document_is_the_sorted_grams_of_number_and_description():
    assert document("JYJ-2026-0001", "预算") == "00 01 02 20 26 jy yj 预算"
    assert document("A", "") == "a"
    assert document("", "") == ""


def test_the_document_takes_any_number_of_texts():
    assert document("高平市丹河建材有限公司") == " ".join(
        sorted(["高平", "平市", "市丹", "丹河", "河建", "建材", "材有", "有限", "限公", "公司"]))
    assert document("张伟") == "张伟"
    assert document("甲", "乙", "甲乙") == "乙 甲 甲乙"
    assert document() == document(None) == ""


def test_a_word_requires_its_bigrams_only():
    assert word_grams("预算") == {"预算"}
    assert word_grams("三公经费") == {"三公", "公经", "经费"}
    # The "0" at the end may continue in the text ("2026-0012"), which stores bigrams only.
    assert word_grams("2026-0") == {"20", "02", "26"}
    assert word_grams("JYJ") == {"jy", "yj"}


def test_single_characters_and_punctuation_are_not_index_searchable():
    assert word_grams("预") == set()
    assert word_grams("a-b") == set()
    assert word_grams("，。") == set()


def test_every_bigram_of_a_word_is_in_the_document_of_a_text_containing_it():
    text = "请公开JYJ-2026-0012号申请所涉2025年度部门预算（含三公经费）"
    stored = set(document("JYJ-2026-0012", text).split())
    for start in range(len(text)):
        for end in range(start + 1, len(text) + 1):
            word = text[start:end]
            assert word_grams(word) <= stored and word_grams(word.lower()) <= stored, word
