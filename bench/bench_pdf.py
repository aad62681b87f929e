"""PDF scorecards against WeasyPrint alone, side by side in one run.

Goal (issue 3): a batch of 25 seed-sized PDF scorecards costs at most 1.5x what WeasyPrint alone
needs to render the same 25 reports' bare text as plain pages.

- ours: the real command, ``check DIR --format pdf -o OUT --jobs N`` (reading, checking, HTML,
  PDF and atomic writes, in N worker processes);
- baseline: N fresh Python processes, each importing WeasyPrint and rendering its share of the
  reports as bare text (one ``<p>`` per line, WeasyPrint's default style except the font: the
  same CJK face the scorecard uses -- by default WeasyPrint would set it in Noto Serif CJK plus
  DejaVu Serif, two fonts to subset), reusing one font configuration and one parsed stylesheet
  (as the scorecard does), writing each PDF to disk.

For the decision the goal needs (see docs/performance.md section 5) it also prints a third figure,
not the goal: WeasyPrint alone printing the scorecards' own HTML (made beforehand, outside the
timing), with the same stylesheets, font configuration and processes -- what ``check`` adds on top
of printing the page it prints.

Both sides are whole cold runs (process start and imports included) on the same files with the
same number of processes. Each side runs ``--rounds`` times, alternating; the best round counts.

``--breakdown`` also prints, in this one process, what each part of the scorecard costs to print
(the scorecard's own HTML with the other parts cut out), next to the bare text of the baseline:
where the time goes, and how far each part is from the goal.

    .venv/bin/python bench/bench_pdf.py [--copies 5] [--jobs 2] [--rounds 3] [--breakdown]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
BIN = Path(sys.executable).parent

BASELINE = r"""
import html, sys
from pathlib import Path
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
fonts = FontConfiguration()
font = CSS(string="html { font-family: %s }", font_config=fonts)
out = Path(sys.argv[1])
for name in sys.argv[2:]:
    text = Path(name).read_text(encoding="utf-8")
    body = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines())
    page = f'<html lang="zh-CN"><body>{body}</body></html>'
    HTML(string=page).write_pdf(out / (Path(name).stem + ".pdf"), stylesheets=[font], font_config=fonts)
"""
# the scorecard's font list, as its print stylesheet writes it
FONT = re.search(r"html \{ font-family: ([^;]+);", (ROOT / "templates" / "scorecard-print.css").read_text()).group(1)
BASELINE = BASELINE.replace("%s", FONT.replace('"', "'"))


CARD = r"""
import sys
from pathlib import Path
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
fonts = FontConfiguration()
out, css_file, ua_file = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
css = CSS(filename=css_file, font_config=fonts)
ua = [CSS(filename=ua_file, font_config=fonts)]
class Card(HTML):  # the scorecard's small user-agent stylesheet, as checker/render/pdf.py does
    def _ua_stylesheets(self, *args, **kwargs):
        return ua
for name in sys.argv[4:]:
    Card(filename=name).write_pdf(out / (Path(name).stem + ".pdf"), stylesheets=[css], font_config=fonts)
"""


def scorecard_page(path: Path) -> str:
    """The HTML page ``check --format pdf`` hands WeasyPrint for this report."""
    sys.path.insert(0, str(ROOT))
    from checker.pipeline import Options, check_file
    from checker.render.pdf import printable
    from checker.render.scorecard import render_html

    report = check_file(str(path), Options()).report
    report.lines = path.read_text(encoding="utf-8").splitlines()  # (a checked report comes without them)
    return printable(render_html(report, "2026-01-01", pdf=True))


def make_cards(files: list[Path], folder: Path) -> tuple[list[Path], Path, Path]:
    """Each input's scorecard HTML as check prints it, and the print stylesheet, as files."""
    from checker.paths import TEMPLATES_DIR
    from checker.render.scorecard import print_css

    folder.mkdir()
    cards = []
    for f in files:
        cards.append(folder / (f.stem + ".html"))
        cards[-1].write_text(scorecard_page(f), encoding="utf-8")
    css = folder / "print.css"
    css.write_text(print_css(), encoding="utf-8")
    return cards, css, TEMPLATES_DIR / "scorecard-ua.css"


def make_inputs(folder: Path, copies: int) -> list[Path]:
    files = []
    for k in range(copies):
        for seed in SEEDS:
            target = folder / f"{seed.stem}_{k}.txt"
            shutil.copyfile(seed, target)
            files.append(target)
    return files


def run_ours(inputs: Path, out: Path, jobs: int) -> float:
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    proc = subprocess.run([str(BIN / "check"), str(inputs), "--format", "pdf", "-o", str(out), "--jobs", str(jobs)],
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode > 1:
        sys.exit(f"check failed ({proc.returncode}): {proc.stderr.strip()}")
    return elapsed


def run_baseline(files: list[Path], out: Path, jobs: int, script: str = BASELINE, extra: tuple = ()) -> float:
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    shares = [files[k::jobs] for k in range(jobs)]
    start = time.perf_counter()
    procs = [subprocess.Popen([sys.executable, "-c", script, str(out), *map(str, extra), *map(str, share)],
                              stderr=subprocess.DEVNULL) for share in shares if share]
    codes = [p.wait() for p in procs]
    elapsed = time.perf_counter() - start
    if any(codes):
        sys.exit(f"baseline failed: {codes}")
    return elapsed


def breakdown(rounds: int) -> None:
    """CPU milliseconds per report (best of ``rounds``) to print each part of the seeds'
    scorecards, and the bare text of the same seeds as the baseline prints it."""
    import html

    sys.path.insert(0, str(ROOT))
    from weasyprint import CSS, HTML

    from checker.paths import TEMPLATES_DIR
    from checker.render.fetcher import make_fetcher
    from checker.render.pdf import _stylesheets, _weasyprint

    _, fonts = _weasyprint()
    scorecard_html, css = _stylesheets()
    base_url = TEMPLATES_DIR.as_uri() + "/"
    full = [scorecard_page(seed) for seed in SEEDS]
    lines = [seed.read_text(encoding="utf-8").splitlines() for seed in SEEDS]

    def section(page: str, name: str) -> str:
        return re.search(r'<section class="%s">.*?</section>' % name, page, re.S).group(0)

    def only(page: str, *keep: str) -> str:
        for name in {"summary", "findings", "annotated"} - set(keep):
            page = page.replace(section(page, name), "")
        return page

    def unmarked(page: str) -> str:  # the annotated text without highlights and margin labels
        page = re.sub(r'<a class="tags tag[^"]*"[^>]*>.*?</a>|<span class="tags">.*?</span>', "", page)
        return re.sub(r"</?mark[^>]*>", "", page)

    font = CSS(string=f"html {{ font-family: {FONT} }}", font_config=fonts)
    bare = ['<html lang="zh-CN"><body>' + "".join(f"<p>{html.escape(ln)}</p>" for ln in text)
            + "</body></html>" for text in lines]

    def cost(pages: list[str], plain: bool = False) -> float:
        best = float("inf")
        for round_ in range(rounds + 1):  # round 0 warms caches and is dropped
            t = time.process_time()
            for page in pages:
                if plain:
                    HTML(string=page).write_pdf(stylesheets=[font], font_config=fonts)
                else:
                    scorecard_html(string=page, base_url=base_url, url_fetcher=make_fetcher()).write_pdf(
                        stylesheets=[css], font_config=fonts)
            if round_:
                best = min(best, (time.process_time() - t) / len(pages) * 1000)
        return best

    base = cost(bare, plain=True)
    rows = [("bare text (the baseline's page)", base),
            ("scorecard, complete", cost(full)),
            ("  fixed part (no section: header, footer, font)", cost([only(p) for p in full])),
            ("  summary page only (header, chart, table)", cost([only(p, "summary") for p in full])),
            ("  findings only", cost([only(p, "findings") for p in full])),
            ("  annotated text only", cost([only(p, "annotated") for p in full])),
            ("  annotated text, no highlights or labels", cost([unmarked(only(p, "annotated")) for p in full]))]
    print(f"in one process, CPU per report (best of {rounds}), {len(SEEDS)} seeds:")
    for label, ms in rows:
        print(f"  {label:50s} {ms:6.0f} ms  {ms / base:5.2f}x bare text")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=5, help="copies of each seed (5 seeds x 5 = 25 reports)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--breakdown", action="store_true", help="also print what each part of the scorecard costs")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        inputs = tmp / "in"
        inputs.mkdir()
        files = make_inputs(inputs, args.copies)
        cards, css, ua = make_cards(files, tmp / "cards")
        ours, base, card = [], [], []
        for _ in range(args.rounds):
            base.append(run_baseline(files, tmp / "base", args.jobs))
            ours.append(run_ours(inputs, tmp / "ours", args.jobs))
            card.append(run_baseline(cards, tmp / "card", args.jobs, CARD, (css, ua)))
        made = len(list((tmp / "ours").glob("*.pdf")))
        if made != len(files):
            sys.exit(f"check wrote {made} PDFs for {len(files)} reports")
        b, o = min(base), min(ours)
        print(f"reports: {len(files)}  processes: {args.jobs}  rounds: {args.rounds} (best of each)")
        print(f"WeasyPrint alone, bare text:  {b:6.2f} s  ({b / len(files) * args.jobs:.3f} s per report per process)")
        print(f"check --format pdf:           {o:6.2f} s  ({o / len(files) * args.jobs:.3f} s per report per process)")
        print(f"ratio: {o / b:.2f}  (goal <= 1.50: {'met' if o / b <= 1.5 else 'NOT met'})")
        c = min(card)
        print(f"not the goal -- WeasyPrint alone, the scorecards' own HTML: {c:6.2f} s; "
              f"check --format pdf takes {o / c:.2f}x that")
    if args.breakdown:
        breakdown(args.rounds)


if __name__ == "__main__":
    main()
