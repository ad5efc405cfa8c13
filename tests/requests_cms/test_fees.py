from decimal import Decimal

import pytest

from requests_cms.services.fees import fee_per_page, fee_per_request


@pytest.mark.parametrize("n, fee", [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300),
                                    (51, 400)])
def test_per_request_fee_rises_by_band_within_a_month(n, fee):
    assert fee_per_request(n) == Decimal(fee)


@pytest.mark.parametrize("pages, fee", [(30, 0), (31, 10), (100, 700), (101, 720), (150, 1700), (200, 2700),
                                        (201, 2740)])
def test_per_page_fee_follows_the_bands(pages, fee):
    assert fee_per_page(pages) == Decimal(fee)
