"""Benchmark: 200 one-page replies through the letter engine against a bare reportlab canvas.

    .venv/bin/python bench/letters.py [--count 200]

The baseline draws the same text with the same registered fonts on a bare canvas (lines pre-cut at 28 characters,
no justification, no line-breaking rules, no fallback), in the same run, alternating with the engine so that both
see the same machine state. Goals: engine ≤ 1.3 × baseline per letter, files ≤ 150 KiB.

Cold: the first letter in a fresh process (median of --cold processes), against the warm median: once as a web
worker starts (requests_cms.wsgi, which reads the fonts at start: issue 14) — the first letter a user asks for —
and once in a process that never read them (what the first letter cost before).
"""

import argparse
import datetime
import io
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.append(str(Path(__file__).resolve().parent))  # after the project: this file must not hide `letters`

import common  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from letters.layout import LetterDocument, default_font_set, paragraphs_from_text, render_letter  # noqa: E402
from letters.layout.document import format_date  # noqa: E402
from letters.layout.fonts import FANGSONG, HEITI, KAITI, XIAOBIAOSONG  # noqa: E402
from letters.layout.geometry import PAGE_HEIGHT, PAGE_WIDTH, TYPE_LEFT, TYPE_RIGHT  # noqa: E402

GOAL_RATIO = 1.3
GOAL_BYTES = 150 * 1024
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
REPLY = (
    "本机关于2026年3月2日收到您提交的政府信息公开申请（登记号：GP-2026-{n:04d}），"
    "您申请公开“高平市{year}年城区义务教育阶段学校布局调整方案”。\n"
    "经审查，根据《中华人民共和国政府信息公开条例》第三十六条第二项的规定，您申请的信息予以公开，"
    "现以纸质形式随本答复书一并邮寄，共计12页。\n"
    "如对本答复不服，可以在收到本答复书之日起60日内向高平市人民政府申请行政复议，"
    "或者在6个月内向高平市人民法院提起行政诉讼。\n"
    "特此告知。"
)


def documents(count):
    for n in range(count):
        name = SURNAMES[n % len(SURNAMES)] + "某" + "明华强伟"[n % 4]
        body = paragraphs_from_text(REPLY.format(n=n, year=2020 + n % 6))
        yield LetterDocument(
            title="政府信息公开申请答复书", signature="高平市教育局", date=datetime.date(2026, 3, 20), body=body,
            authority_mark="高平市教育局", document_number=f"高教公开〔2026〕{n + 1}号", addressee=name,
        )


def bare_canvas(doc, fonts):
    """The same strings with the same fonts, drawn line by line on a plain canvas."""
    buffer = io.BytesIO()
    name = {role: fonts.primary(role).name for role in (FANGSONG, XIAOBIAOSONG, HEITI, KAITI)}
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), pageCompression=1, initialFontName=name[FANGSONG])
    canvas.setFillColorCMYK(0, 1, 1, 0)
    canvas.setFont(name[XIAOBIAOSONG], 36)
    canvas.drawCentredString(PAGE_WIDTH / 2, 720, doc.authority_mark)
    canvas.setFillColorCMYK(0, 0, 0, 1)
    canvas.setFont(name[FANGSONG], 16)
    canvas.drawRightString(TYPE_RIGHT, 680, doc.document_number)
    canvas.setFont(name[XIAOBIAOSONG], 22)
    canvas.drawCentredString(PAGE_WIDTH / 2, 600, doc.title)
    y = 560
    canvas.setFont(name[FANGSONG], 16)
    canvas.drawString(TYPE_LEFT, y, doc.addressee + "：")
    for paragraph in doc.body:
        text = "　　" + paragraph.text
        canvas.setFont(name[HEITI if paragraph.level == 1 else FANGSONG], 16)
        for start in range(0, len(text), 28):
            y -= 29
            canvas.drawString(TYPE_LEFT, y, text[start:start + 28], charSpace=-0.21)
    canvas.setFont(name[FANGSONG], 16)
    canvas.drawString(TYPE_RIGHT - 180, y - 87, doc.signature)
    canvas.drawString(TYPE_RIGHT - 180, y - 116, format_date(doc.date))
    canvas.save()
    return buffer.getvalue()


COLD = """
import sys, time
sys.path.insert(0, {root!r})
{start}
import importlib.util
spec = importlib.util.spec_from_file_location("bench_letters", {path!r})
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)
from letters.layout import default_font_set, render_letter
doc = next(bench.documents(1))
started = time.perf_counter()
render_letter(doc, default_font_set())
print((time.perf_counter() - started) * 1000)
"""
STARTS = {
    "web worker (fonts read at start)": "import os; os.environ.setdefault('DEBUG', '1'); import requests_cms.wsgi",
    "process that never read the fonts": "import os; os.environ.setdefault('DEBUG', '1'); import django; "
                                         "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'requests_cms.settings'); "
                                         "django.setup()",
}


def cold_first_letter(start, runs):
    code = COLD.format(root=str(common.ROOT), path=str(Path(__file__).resolve()), start=start)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "requests_cms.settings"}
    return statistics.median(float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                                  check=True, env=env, cwd=common.ROOT).stdout.split()[-1])
                             for _ in range(runs))


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--cold", type=int, default=5, help="fresh processes for the cold first letter")
    args = parser.parse_args()
    count = args.count
    fonts = default_font_set()
    warm = next(documents(1))
    render_letter(warm, fonts)  # registers the faces once, as a long-running process would have
    bare_canvas(warm, fonts)
    engine_times, bare_times, engine_sizes, bare_sizes, pages = [], [], [], [], set()
    for doc in documents(count):
        seconds, pdf = timed(render_letter, doc, fonts)
        engine_times.append(seconds)
        engine_sizes.append(len(pdf))
        pages.add(int(re.search(rb"/Count (\d+)", pdf).group(1)))
        seconds, pdf = timed(bare_canvas, doc, fonts)
        bare_times.append(seconds)
        bare_sizes.append(len(pdf))
    report(engine_times, bare_times, engine_sizes, bare_sizes, count, pages)
    warm_ms = statistics.median(engine_times) * 1000
    figures = [common.figure("letter PDF (engine, warm)", warm_ms, "ms", "bare canvas, warm",
                             statistics.median(bare_times) * 1000, f"≤ {GOAL_RATIO}×")]
    for label, start in STARTS.items():
        first = cold_first_letter(start, args.cold)
        print(f"  first letter in a fresh {label}: {first:.1f} ms (warm {warm_ms:.1f} ms)")
        figures.append(common.figure(f"first letter, fresh {label}", first, "ms", "engine, warm", warm_ms))
    common.save("letters", figures, load=common.load_average())


def report(engine_times, bare_times, engine_sizes, bare_sizes, count, pages):
    engine, bare = statistics.median(engine_times), statistics.median(bare_times)
    ratio = engine / bare
    largest = max(engine_sizes)
    print(f"letters: {count} replies, pages per letter: {sorted(pages)}")
    for label, times, sizes in (("engine", engine, engine_sizes), ("bare canvas", bare, bare_sizes)):
        print(f"  {label:<12} median {times * 1000:7.2f} ms/letter   files median "
              f"{statistics.median(sizes) / 1024:6.1f} KiB, max {max(sizes) / 1024:6.1f} KiB")
    print(f"  ratio engine/bare {ratio:.2f}x (goal <= {GOAL_RATIO}x): {'ok' if ratio <= GOAL_RATIO else 'OVER'}")
    print(f"  largest file {largest / 1024:.1f} KiB (goal <= {GOAL_BYTES // 1024} KiB): "
          f"{'ok' if largest <= GOAL_BYTES else 'OVER'}")


if __name__ == "__main__":
    main()
