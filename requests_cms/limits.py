"""Length limits of free text, declared once; the forms read them (maxlength in the page, a message when exceeded).

Every free text has a limit: a 2,000,000-character letter once took 5.5 s to save and 13.5 s to preview in a web
worker. One-line fields keep the limits of their model fields (CharField max_length).
"""

TEXT = 5_000  # a reason, description, note or record typed on a form
LETTER_TEXT = 20_000  # a letter's body: the longest reply letters in the ledgers are under 8,000 characters
PASTE = 20_000  # text pasted from another system (postal tracking pages)
LIST_INPUT = 2_000  # lines of dates and the like


def too_long(limit):
    """The Django max_length message, in Chinese, naming the limit and the current length."""
    return f"不能超过{limit:,}个字（现有%(show_value)d个字）"


def hint(limit):
    return f"最多{limit:,}个字"
