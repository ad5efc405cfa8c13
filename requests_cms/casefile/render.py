"""The case file's own pages (cover, contents, generated records, scans), drawn by the letters' layout engine on
plain A4 pages (letters.layout.PageWriter).

Every page drawn here carries the case-file page number in its footer; pages of frozen letters and uploaded PDFs
are merged untouched, so they are numbered only in the contents.
"""

from letters.layout import PageWriter


def write_blocks(pager, title, blocks):
    """A generated record: its title centred, then blocks of (kind, text); "gap" blocks are vertical space."""
    pager.line(title, "title", centred=True)
    pager.gap()
    for kind, text in blocks:
        if kind == "gap":
            pager.gap()
        else:
            pager.block(kind, text)
    pager.end()


def write_images(pager, title, images):
    for index, data in enumerate(images, start=1):
        pager.image_page(data, f"{title}（第{index}/{len(images)}页）")


def render_blocks(title, blocks, *, first_page=1, total=None):
    """A generated document on its own: its title, then blocks of (kind, text). Returns (pdf bytes, page count)."""
    pager = PageWriter(title, first_page, total)
    write_blocks(pager, title, blocks)
    return pager.finish()

