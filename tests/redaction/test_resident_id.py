import pytest

from redaction.resident_id import WEIGHTS, check_character, is_valid_15, is_valid_18


def test_the_weights_are_powers_of_two_mod_11_from_the_standard():
    assert WEIGHTS == (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


@pytest.mark.parametrize("number", [
    "11010519491231002X",  # GB 11643-1999's example (Beijing Chaoyang, 1949-12-31): sum 167, 167 mod 11 = 2 -> X
    "440524188001010014",  # GB 11643-1999's example (Guangdong Chaoyang county, 1880-01-01)
    "320102198506123454",  # worked by hand: sum 250, 250 mod 11 = 8, (12 - 8) mod 11 = 4
    "44030519900101123X",  # worked by hand: sum 200, 200 mod 11 = 2, (12 - 2) mod 11 = 10 -> X
])
def test_it_accepts_numbers_with_the_right_check_character(number):
    assert is_valid_18(number)


def test_a_lower_case_x_is_the_same_check_character():
    assert is_valid_18("11010519491231002x")


@pytest.mark.parametrize("number", [
    "110105194912310021",  # wrong check character (X expected)
    "320102198506123455",  # wrong check character (4 expected)
    "320102198506213454",  # two digits swapped: the check character catches it
    "110105194902300027",  # 30 February
    "01010519491231002X",  # no address code starts with 0
    "11010519491231002",  # 17 characters
    "１１０１０５１９４９１２３１００２Ｘ",  # full-width: callers fold first
])
def test_it_refuses_numbers_that_cannot_be_issued(number):
    assert not is_valid_18(number)


def test_the_check_character_of_the_standards_example():
    assert check_character("11010519491231002") == "X"
    assert check_character("44052418800101001") == "4"


def test_the_check_character_needs_seventeen_digits():
    with pytest.raises(ValueError):
        check_character("1101051949123100")


def test_old_fifteen_digit_numbers_need_a_real_date_in_the_1900s():
    assert is_valid_15("110105491231002")
    assert not is_valid_15("110105491331002")  # month 13
    assert not is_valid_15("11010549123100")
