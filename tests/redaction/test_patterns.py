from redaction import patterns


def spans(found, text):
    return [text[start:end] for start, end in found]


def ids(text, **options):
    folded = patterns.fold(text)
    return spans(patterns.resident_ids(folded, **options), text)


def test_it_finds_an_id_number_inside_chinese_text():
    assert ids("身份证号：11010519491231002X，住址") == ["11010519491231002X"]


def test_it_skips_an_id_shaped_number_with_a_wrong_check_character():
    assert ids("身份证号：110105194912310021") == []


def test_it_finds_full_width_and_spaced_id_numbers():
    assert ids("１１０１０５１９４９１２３１００２Ｘ") == ["１１０１０５１９４９１２３１００２Ｘ"]
    assert ids("110105 19491231 002X") == ["110105 19491231 002X"]


def test_it_does_not_cut_an_id_out_of_a_longer_number():
    assert ids("911010519491231002X") == []
    assert ids("110105194912310020X") == []


def test_old_form_numbers_are_optional():
    assert ids("旧证 110105491231002") == ["110105491231002"]
    assert ids("旧证 110105491231002", old_form=False) == []


def mobiles(text):
    return spans(patterns.mobiles(patterns.fold(text)), text)


def test_it_finds_mobile_numbers_written_in_the_usual_ways():
    assert mobiles("电话13812345678。") == ["13812345678"]
    assert mobiles("电话 138 1234 5678 或 139-1234-5678") == ["138 1234 5678", "139-1234-5678"]
    assert mobiles("+86 13812345678") == ["+86 13812345678"]
    assert mobiles("（手机：１３８１２３４５６７８）") == ["１３８１２３４５６７８"]


def test_it_refuses_what_is_not_a_mainland_mobile_number():
    assert mobiles("12812345678") == []  # second digit 2
    assert mobiles("1381234567") == []  # ten digits
    assert mobiles("213812345678") == []  # inside a longer number
    assert mobiles("138123456789") == []
    assert mobiles("11010519491231002X") == []


def terms(text, *typed):
    compiled = [patterns.term_pattern(term) for term in typed]
    return spans(patterns.terms(patterns.fold(text), [c for c in compiled if c]), text)


def test_a_typed_name_matches_with_any_spacing_between_its_characters():
    assert terms("经办人：欧 阳 明 远；申请人欧阳明远", "欧阳明远") == ["欧 阳 明 远", "欧阳明远"]
    assert terms("申请人欧阳明远", "欧阳 明远") == ["欧阳明远"]


def test_typed_latin_terms_ignore_case_and_width():
    assert terms("Company: ＡＣＭＥ Ltd", "acme") == ["ＡＣＭＥ"]


def test_an_empty_term_matches_nothing():
    assert patterns.term_pattern("  ") is None


def test_folding_keeps_every_position():
    text = "ﬁ１２Ｘ\u3000张"
    assert len(patterns.fold(text)) == len(text)
    assert patterns.fold(text) == "ﬁ12x 张"
