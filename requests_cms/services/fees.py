"""Information processing fees (国办函〔2020〕109号): pure arithmetic, amounts in yuan."""

from decimal import Decimal

FREE_REQUESTS_PER_MONTH = 10
FREE_PAGES = 30
PAGE_BANDS = ((100, Decimal(10)), (200, Decimal(20)), (None, Decimal(40)))


def fee_per_request(monthly_sequence):
    """Fee for the n-th request of one applicant in one calendar month (按件计收)."""
    n = int(monthly_sequence)
    if n <= FREE_REQUESTS_PER_MONTH:
        return Decimal(0)
    if n <= 30:
        return Decimal(100)
    return Decimal(100) * (2 + (n - 31) // 10)


def fee_per_page(pages):
    """Fee for one request of `pages` pages (按量计收): 1–30 free, 31–100 10元, 101–200 20元, 201+ 40元."""
    pages = int(pages)
    total, lower = Decimal(0), FREE_PAGES
    for upper, rate in PAGE_BANDS:
        top = pages if upper is None else min(pages, upper)
        if top > lower:
            total += (top - lower) * rate
        if upper is None or pages <= upper:
            break
        lower = upper
    return total


def fee_basis(method, *, pages=None, monthly_sequence=None):
    if method == "per_page":
        return (f"按量计收：共{pages}页。30页以下（含）免费；31至100页每页10元；101至200页每页20元；"
                "201页以上每页40元（国办函〔2020〕109号）。")
    return (f"按件计收：本件为申请人本月第{monthly_sequence}件申请。每月10件以下（含）免费；11至30件每件100元；"
            "31件以上每增加10件，每件收费标准提高100元（国办函〔2020〕109号）。")
